/**
 * The sync status in the header: one plain word for the state of the open rooms, the time
 * of the last sync, and the offline note. Grey when offline, never red; the state is always
 * in words, the colour only repeats it.
 *
 * In the page's copy (storage/pageSnapshot.ts) the status line keeps its place but not its
 * words (`data-now="words"`), and the offline note is there, shown by the service worker only
 * while the device is offline (`data-now="offline"`): the header has the app's height.
 */
import { refusedLabel, syncStateLabels } from '../../sync/status';
import { useServices } from '../hooks/useServices';
import { useStoreLater } from '../hooks/useStore';
import { formatSyncTime } from './time';

export function SyncIndicator() {
  const { registry, now } = useServices();
  const status = useStoreLater(registry.status);
  const online = useStoreLater(registry.online);
  const state = !online ? 'offline' : (status?.state ?? 'online');
  const label = !online
    ? syncStateLabels.offline
    : status?.refused
      ? refusedLabel
      : status
        ? syncStateLabels[status.state]
        : 'Online';
  const last = status?.lastSyncedAt;
  return (
    <div className="sync" data-state={status?.refused ? 'geweigerd' : state}>
      <p className="sync-line" data-now="words">
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-label" role="status">
          {label}
        </span>
        {/* Always there (empty until the first sync), so the header keeps its height. */}
        <span className="sync-time">
          {last ? `laatst gesynchroniseerd om ${formatSyncTime(last, now())}` : '\u00a0'}
        </span>
      </p>
      <p className="sync-note" data-now="offline" hidden={online}>
        Je bent offline. Wijzigingen worden verstuurd zodra je weer verbinding hebt.
      </p>
      {online && status?.unsent && (
        <p className="sync-note" data-now>
          Er zijn wijzigingen die nog niet op de server staan.
        </p>
      )}
    </div>
  );
}
