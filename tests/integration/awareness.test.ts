/**
 * Awareness (who is here, cursors) through the relay: relayed from every connection (also a
 * read-only one) and echoed to the sender, bound to the client ids a connection announces,
 * capped in size and count, and removed when the connection closes. The official client
 * sends back every awareness change it applies: crowds and dropped links must work with that.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  startServer,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';

const room = 'kern/beesd/ideeen';
let server: ServerHandle;
let member: Client;
let reader: Client;

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

function awarenessFrame(entries: { id: number; clock: number; state: unknown }[]) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

async function raw() {
  const socket = rawSocket(`${server.wsUrl}/sync/${room}`);
  await socket.opened;
  return socket;
}

const stateOf = (client: Client, id: number) =>
  client.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined;

beforeAll(async () => {
  server = await startServer();
  const token = await makeToken(server.dataDir, 'bewoner', undefined, 'Anna');
  member = await synced(connect(server.url, room, { token }));
  reader = await synced(connect(server.url, room));
});

afterAll(cleanup);

describe('awareness', () => {
  it('is relayed both ways, also from a read-only connection', async () => {
    member.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    reader.provider.awareness.setLocalStateField('user', { name: 'Lezer' });
    await until(() => stateOf(reader, member.doc.clientID)?.user?.name === 'Anna');
    await until(() => stateOf(member, reader.doc.clientID)?.user?.name === 'Lezer');
  });

  it('is echoed to the sender', async () => {
    const socket = await raw();
    socket.ws.send(awarenessFrame([{ id: 4242, clock: 1, state: { user: { name: 'Echo' } } }]));
    await until(() => socket.messages.some((m) => m[0] === 1 && Buffer.from(m).includes('Echo')), {
      message: 'the sender gets its own awareness back',
    });
    socket.ws.close();
    await until(() => !reader.provider.awareness.getStates().has(4242));
  });

  it('removes the states of a connection when it closes', async () => {
    const socket = await raw();
    socket.ws.send(awarenessFrame([{ id: 777, clock: 1, state: { user: { name: 'Weg' } } }]));
    await until(() => stateOf(reader, 777)?.user?.name === 'Weg');
    socket.ws.terminate();
    await until(() => !reader.provider.awareness.getStates().has(777), {
      message: 'the state of a closed connection is removed',
    });
  });

  it("drops states for another connection's client id", async () => {
    const socket = await raw();
    const id = member.doc.clientID;
    socket.ws.send(
      awarenessFrame([
        { id, clock: 1000, state: { user: { name: 'Nep' } } },
        { id: 888, clock: 1, state: { user: { name: 'Marker' } } },
      ]),
    );
    await until(() => stateOf(reader, 888)?.user?.name === 'Marker');
    expect(stateOf(reader, id)?.user?.name).toBe('Anna');
    // A forgery (newer than what the room knows) is counted; an honest echo is not.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /kernplein_rejections_total\{reason="awareness_foreign_client",code="none"\} 1/,
    );
    socket.ws.close();
  });

  it('lets a crowd of more than 16 people with presence in, and the next one too', async () => {
    const crowdRoom = 'kern/heukelum/ideeen';
    const crowd: Client[] = [];
    for (let i = 0; i < 20; i++) {
      const client = await synced(connect(server.url, crowdRoom));
      client.provider.awareness.setLocalStateField('user', { name: `Bewoner ${i}` });
      crowd.push(client);
    }
    const late = await synced(connect(server.url, crowdRoom));
    await until(() => late.provider.awareness.getStates().size >= 21, {
      message: 'the latecomer sees everyone',
    });
    // Everyone's echo of everyone else's state was dropped quietly: nobody was closed.
    expect([...crowd, late].flatMap((c) => c.closes)).toEqual([]);
    late.provider.awareness.setLocalStateField('user', { name: 'Laatkomer' });
    await until(() => stateOf(crowd[0]!, late.doc.clientID)?.user?.name === 'Laatkomer');
    for (const c of [...crowd, late]) c.destroy();
  });

  it('gives a client its presence back after its link dropped, whatever others echo', async () => {
    const dropRoom = 'kern/tricht/ideeen';
    const a = await synced(connect(server.url, dropRoom));
    const b = await synced(connect(server.url, dropRoom));
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    await until(() => stateOf(b, a.doc.clientID)?.user?.name === 'A');
    // A's link drops without a goodbye; the relay removes A's state and B echoes that removal.
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    await until(() => stateOf(b, a.doc.clientID) === undefined, { message: 'A removed' });
    await synced(a);
    a.provider.awareness.setLocalStateField('user', { name: 'A terug' });
    await until(() => stateOf(b, a.doc.clientID)?.user?.name === 'A terug', {
      message: "B sees A's new state",
    });
    a.destroy();
    b.destroy();
  });

  it('drops a state over 8 KiB and accepts the next normal one', async () => {
    const seen: string[] = [];
    const onChange = () => {
      const name = stateOf(reader, member.doc.clientID)?.user?.name;
      if (name) seen.push(name);
    };
    reader.provider.awareness.on('change', onChange);
    member.provider.awareness.setLocalStateField('user', { name: 'x'.repeat(9000) });
    member.provider.awareness.setLocalStateField('user', { name: 'Anna weer' });
    await until(() => stateOf(reader, member.doc.clientID)?.user?.name === 'Anna weer');
    reader.provider.awareness.off('change', onChange);
    expect(seen.some((name) => name.length > 8000)).toBe(false);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /kernplein_rejections_total\{reason="awareness_too_large",code="none"\} 1/,
    );
  });

  it('binds at most 4 client ids to one connection', async () => {
    const socket = await raw();
    const ids = [901, 902, 903, 904, 905, 906];
    socket.ws.send(
      awarenessFrame(ids.map((id) => ({ id, clock: 1, state: { user: { name: `n${id}` } } }))),
    );
    await until(() => stateOf(reader, 904)?.user?.name === 'n904');
    expect(ids.filter((id) => reader.provider.awareness.getStates().has(id))).toEqual([
      901, 902, 903, 904,
    ]);
    socket.ws.close();
  });
});
