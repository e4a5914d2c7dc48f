/**
 * Presence through the PWA's sync layer (src/sync: room, provider, presence) against the
 * real relay process: each device sees the others' name and the point they edit; a device
 * that reconnects sees who is here at once (not at their next renewal, 15 s later); the
 * ack that confirms edits still works beside the presence field; a device that closes
 * disappears for the others. Each device keeps its copy in memory (no IndexedDB).
 */
import { describe, expect, it } from 'vitest';
import type { Room } from '../../src/sync/room';
import { until } from '../helpers/server';
import { pwaRelay } from './support/devices';

const relay = pwaRelay();
const device = (token: string | null) => relay.device('kern/rumpt/agenda', token);

const peers = (room: Room) => room.presence.getSnapshot();
const state = (room: Room) => room.status.getSnapshot();

describe('presence in a room', () => {
  it('shows the others, survives a reconnect, keeps acks working, and forgets who left', async () => {
    const anna = device(await relay.token('commissie', 'rumpt', 'Anna'));
    const guest = device(null);
    anna.setPresence({ name: 'Anna', visitor: false, editing: null });
    guest.setPresence({ name: 'Bezoeker', visitor: true, editing: null });

    await until(() => peers(guest).some((p) => p.name === 'Anna'), { message: 'guest sees Anna' });
    await until(() => peers(anna).some((p) => p.visitor), { message: 'Anna sees the guest' });
    expect(peers(anna)).toEqual([{ name: 'Bezoeker', visitor: true, editing: null }]);

    anna.setPresence({ name: 'Anna', visitor: false, editing: 'p1' });
    await until(() => peers(guest)[0]?.editing === 'p1', { message: 'guest sees the editing' });

    // An edit is still confirmed by the relay (the ack field lives beside the presence).
    anna.doc.getMap('probe').set('x', 1);
    await until(() => state(anna).state === 'gesynchroniseerd' && !state(anna).unsent, {
      message: 'edit confirmed',
    });
    expect(peers(guest)[0]).toEqual({ name: 'Anna', visitor: false, editing: 'p1' });

    // Reconnecting: Anna is back in well under the 15 s after which she would renew.
    guest.setOnline(false);
    await until(() => peers(guest).length === 0, { message: 'guest forgets while offline' });
    const back = Date.now();
    guest.setOnline(true);
    await until(() => peers(guest).some((p) => p.name === 'Anna'), {
      timeout: 5_000,
      message: 'guest sees Anna again after reconnecting',
    });
    expect(Date.now() - back).toBeLessThan(5_000);

    // Leaving the page takes the presence away; closing the room removes the client.
    anna.setPresence(null);
    await until(() => peers(guest).length === 0, { message: 'presence taken away' });
    anna.setPresence({ name: 'Anna', visitor: false, editing: null });
    await until(() => peers(guest).length === 1, { message: 'Anna back' });
    await relay.close(anna);
    await until(() => peers(guest).length === 0, { message: 'closed device disappears' });
  });
});
