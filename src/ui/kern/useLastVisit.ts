/**
 * "Sinds je laatste bezoek": the time this device last opened the kern page BEFORE now
 * (null on a first visit; undefined while it is being read). Reads the stored visit, then
 * records the new one, once per mounted kern screen: the ref keeps React's development
 * double-run of effects from reading back the visit it has just recorded. It is background
 * work (db.ts): only "Wat is er veranderd", below the kernagenda, needs it, and on a first
 * visit it is what creates the device db (and loads Dexie).
 */
import { useEffect, useRef, useState } from 'react';
import { listVisits, recordVisit } from '../../storage/db';
import { useServices } from '../hooks/useServices';

export function useLastVisit(slug: string): string | null | undefined {
  const { db, now } = useServices();
  const [previous, setPrevious] = useState<string | null | undefined>(undefined);
  const visit = useRef<Promise<string | null> | null>(null);
  useEffect(() => {
    const at = now().toISOString();
    visit.current ??= (async () => {
      await db.background();
      const before = (await listVisits(db)).find((v) => v.kern === slug)?.lastVisitedAt ?? null;
      await recordVisit(db, slug, at);
      return before;
    })();
    let live = true;
    visit.current.then(
      (before) => live && setPrevious(before),
      (error: unknown) => {
        console.error('Could not read the last visit', error);
        if (live) setPrevious(null);
      },
    );
    return () => {
      live = false;
    };
  }, [db, slug, now]);
  return previous;
}
