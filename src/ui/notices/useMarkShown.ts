/**
 * Marks the gemeente notices a screen shows as read on this device (Dexie `reads`), and says
 * which of them were unread when this screen opened (or arrived while it is open), so the
 * screen can label them "Nieuw" for as long as it is open; the count in the header drops at
 * once.
 */
import { useEffect, useMemo, useState } from 'react';
import { listReads, markRead, watch } from '../../storage/db';
import { useServices } from '../hooks/useServices';

/** `ids`: the counted notices on screen, null while they are not known (keep it stable). */
export function useMarkShown(ids: readonly string[] | null): ReadonlySet<string> {
  const { db, now } = useServices();
  // What had been read when the screen opened, and what is read now.
  const [before, setBefore] = useState<ReadonlySet<string> | null>(null);
  const [reads, setReads] = useState<ReadonlySet<string> | null>(null);
  useEffect(
    () =>
      watch(
        db,
        () => listReads(db),
        (rows) => {
          const set = new Set(rows);
          setBefore((first) => first ?? set);
          setReads(set);
        },
        { empty: [] },
      ),
    [db],
  );
  useEffect(() => {
    if (!reads || !ids) return;
    const unread = ids.filter((id) => !reads.has(id));
    if (unread.length > 0) void markRead(db, unread, now().toISOString());
  }, [reads, ids, db, now]);
  return useMemo(
    () => new Set(before && ids ? ids.filter((id) => !before.has(id)) : []),
    [before, ids],
  );
}
