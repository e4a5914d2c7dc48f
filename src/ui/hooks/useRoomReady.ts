/**
 * Whether the kern page shows its kernagenda yet: once the copy on this device has loaded,
 * and on a first visit (this device never synced this kernagenda) while online, once the
 * server's copy has come in too, or after `patience` ms, or when the relay refuses. A first
 * visit then shows the agenda complete at once, instead of an empty one that fills up and
 * moves everything below it. Once shown, it stays shown.
 */
import { useEffect, useState } from 'react';
import type { SyncSnapshot } from '../../sync/status';

export function useAgendaReady(status: SyncSnapshot, patience = 4_000): boolean {
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
