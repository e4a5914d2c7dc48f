/**
 * Whether a page shows the content of a room yet (a kern's kernagenda, its ideas board): once
 * the copy on this device has loaded, and on a first visit (this device never synced the
 * room) while online, once the server's copy has come in too, or after `patience` ms, or when
 * the relay refuses. A first visit then shows the content complete at once, instead of an
 * empty page that fills up and moves everything below it, and a link to one part of it (an
 * idea) finds that part. Once shown, it stays shown.
 */
import { useEffect, useState } from 'react';
import type { SyncSnapshot } from '../../sync/status';

export function useRoomReady(status: SyncSnapshot, patience = 4_000): boolean {
  const firstVisit =
    !status.lastSyncedAt &&
    status.online &&
    !status.synced &&
    !status.refused &&
    !status.tokenRejected;
  const ready = status.localLoaded && !firstVisit;
  const [shown, setShown] = useState(false);
  if (ready && !shown) setShown(true); // latched (React allows this update during render)
  useEffect(() => {
    if (shown || !status.localLoaded) return;
    const timer = setTimeout(() => setShown(true), patience);
    return () => clearTimeout(timer);
  }, [shown, status.localLoaded, patience]);
  return shown || ready;
}
