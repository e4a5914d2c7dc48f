/** The model's writer context for this device's token in a room: who writes, and when. */
import type { GemeenteConfig } from '../../config/gemeente';
import type { WriterContext } from '../../model/boardEntry';
import type { DeviceToken } from '../../sync/tokens';

export function writerContext(
  writer: DeviceToken,
  config: GemeenteConfig,
  now: Date,
): WriterContext {
  const { id, name, role } = writer.claims;
  return { id, name, role, now: now.toISOString(), config };
}
