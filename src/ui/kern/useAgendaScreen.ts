/**
 * The kernagenda as this device last showed it (a `screens` row in the device db), so the
 * kern page shows its points at once while the room's document still loads from IndexedDB
 * (applying a long history takes longer than drawing the page), inert until it has.
 *
 * `useSavedAgenda` reads it once per room: `undefined` while reading, null when there is none
 * (at once, without reading, when the device db's hint says there is none: db.ts).
 * `useKeepAgendaScreen` saves the loaded document's agenda (and when each point's status
 * last changed, which the year view needs) when the browser is idle after a change, and at
 * once when the page is hidden or left; with them the gemeente's notices the page shows above
 * the agenda (KernNotices), once their room has loaded, so that the saved screen can be shown
 * without waiting for that room too (else the agenda would jump down when they come). With
 * it, whenever the page is hidden, and when who may edit changes (`access`: a code used,
 * forgotten or refused), a copy of the page as HTML, which the service worker shows when the
 * app is opened here again, before its code runs (storage/pageSnapshot.ts). The document
 * stays the truth: a saved agenda is only shown before it has loaded.
 */
import { useEffect, useRef, useState } from 'react';
import { readKernagenda, type Kernagenda } from '../../model/kernagenda';
import { kernPageNotices, readNotices, type Notice } from '../../model/notices';
import { statusChangedAt } from '../../model/yearView';
import { mayHaveScreen, readScreen, saveScreen } from '../../storage/db';
import { keepPageSnapshot } from '../../storage/pageCapture';
import { onDocChange } from '../../sync/docChanges';
import { whenIdle } from '../../sync/schedule';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';

export interface SavedAgenda {
  agenda: Kernagenda;
  changedAt: ReadonlyMap<string, string>;
  /** The notices shown above it; null when not known (saved before their room had loaded). */
  notices: readonly Notice[] | null;
}

/** The shape saved; a new shape gets a new name, and a screen of an old one is not read. */
const format = 'kernagenda/1';
interface Stored {
  agenda: Kernagenda;
  changedAt: [string, string][];
  /** Absent in screens saved before it was kept, or before the notices' room had loaded. */
  notices?: Notice[];
}

const isStored = (value: unknown): value is Stored => {
  const stored = value as Stored | null;
  return (
    typeof stored === 'object' &&
    stored !== null &&
    Array.isArray(stored.changedAt) &&
    (stored.notices === undefined || Array.isArray(stored.notices)) &&
    typeof stored.agenda === 'object' &&
    stored.agenda !== null &&
    Array.isArray(stored.agenda.points) &&
    typeof stored.agenda.yearBudgets === 'object' &&
    typeof stored.agenda.example === 'boolean'
  );
};

export function useSavedAgenda(room: string): SavedAgenda | null | undefined {
  const { db } = useServices();
  const [expected] = useState(() => mayHaveScreen(room));
  const [saved, setSaved] = useState<SavedAgenda | null | undefined>(expected ? undefined : null);
  useEffect(() => {
    if (!expected) return;
    let current = true;
    readScreen(db, room, format)
      .then((value) => {
        if (current)
          setSaved(
            isStored(value)
              ? {
                  agenda: value.agenda,
                  changedAt: new Map(value.changedAt),
                  notices: value.notices ?? null,
                }
              : null,
          );
      })
      .catch(() => current && setSaved(null));
    return () => {
      current = false;
    };
  }, [db, room, expected]);
  return saved;
}

const keepCopy = (path: string) =>
  keepPageSnapshot(path).catch((error: unknown) =>
    console.error('Could not keep a copy of the page', error),
  );

export function useKeepAgendaScreen(
  room: Room,
  notices: Room,
  loaded: boolean,
  slug: string,
  access: number,
): void {
  const path = `/kern/${slug}`;
  const { db, now } = useServices();
  // The access panel stands above the agenda: a copy from before a code was used would stand
  // elsewhere than the page (the form for a code, not "Je bent ingelogd").
  const accessCopied = useRef(access);
  useEffect(() => {
    if (!loaded || accessCopied.current === access) return;
    accessCopied.current = access;
    void keepCopy(path);
  }, [loaded, path, access]);

  useEffect(() => {
    if (!loaded) return;
    let cancel: (() => void) | null = null;
    const save = () => {
      cancel?.();
      cancel = null;
      const at = now().toISOString();
      const stored: Stored = {
        agenda: readKernagenda(room.doc),
        changedAt: [...statusChangedAt(room.doc)],
      };
      if (notices.status.getSnapshot().localLoaded)
        stored.notices = [...kernPageNotices(readNotices(notices.doc), slug, at)];
      void keepCopy(path); // now, while the page shows what was read
      const keep = () => saveScreen(db, room.name, format, stored, at);
      // Leaving the page: at once. Otherwise when the device db may take it (db.ts).
      (document.visibilityState === 'hidden' ? keep() : db.background().then(keep)).catch(
        (error: unknown) => console.error('Could not keep the kernagenda screen', error),
      );
    };
    const changed = () => {
      cancel ??= whenIdle(save, 10_000);
    };
    const hidden = () => {
      if (document.visibilityState !== 'hidden') return;
      if (cancel) save();
      // The copy also shows what changed on this device only (follow, year, access).
      else void keepCopy(path);
    };
    changed(); // what loaded may differ from what was saved (another tab, a sync)
    const stopDoc = onDocChange(room.doc, changed);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', hidden);
    return () => {
      stopDoc();
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', hidden);
      if (cancel) save(); // leaving the page: keep what it showed
    };
  }, [db, now, room, notices, loaded, slug, path]);
}
