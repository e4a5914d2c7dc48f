/**
 * Soak test (issue 3): 200 real y-websocket clients (the npm provider, as the PWA uses it) of
 * the committees of six kernen edit five kernagenda documents through the model functions
 * (addPoint, updatePoint, deletePoint, setYearBudget) for SOAK_SECONDS (default 20), while
 * clients go offline and come back, links drop without a close handshake, and the server is
 * killed with SIGKILL twice and restarted on the same data dir and port. Varik and Heesselt
 * share one kernagenda: their committees open it under both room names.
 *
 * The clients connect from ten loopback addresses (127.0.0.11-20, 20 clients each) and the
 * server counts loopback addresses too (`--limit-loopback`) with a limit of 40 per address:
 * a connection slot that a disconnect, a dropped link or a reconnect storm did not give back
 * would end in a 4429 close, which the test does not allow.
 *
 * An edit counts as accepted once a client other than its author received it (the relay stores
 * an update before it sends it to anyone, so a peer's receipt proves it was stored). Every
 * edit appends one activity entry with a unique id in its own transaction; that id is the
 * edit's key in the log.
 *
 * Holds:
 * - after each SIGKILL, the store (read from a copy of the database files before the restart)
 *   holds every edit accepted until then;
 * - at the end all clients reconnect and converge: per document, equal state vectors, equal
 *   snapshots and equal model reads, with every edit any client made (offline ones included);
 * - after a final SIGKILL (all 200 clients destroyed, so none can send anything again) and a
 *   restart, a fresh read-only client per room name gets exactly the converged state and every
 *   accepted edit (each add's point, each description marker, each activity entry);
 * - no client was closed with a 44xx code (or 1009/1011), none gave up, and no server
 *   generation logged a refusal or an internal error.
 *
 * Seeded: the seed is printed; `SEED=<seed>` replays the same decisions (which client edits
 * what, who disconnects when, when the server is killed). Timing still varies, so a replay
 * reaches the same decisions, not byte-identical documents; what is asserted holds for any
 * timing. `SOAK_SECONDS` sets the editing time, `SOAK_CLIENTS` the number of clients (200),
 * `SOAK_EDITS_PER_SECOND` the edit rate over all clients (60).
 */
import * as Y from 'yjs';
import { afterAll, expect, it } from 'vitest';
import { activityOf, pointsOf } from '../../src/model/agendaDoc';
import {
  addPoint,
  deletePoint,
  descriptionOf,
  isDeleted,
  limits,
  owners,
  readKernagenda,
  setYearBudget,
  statuses,
  updatePoint,
  type EditContext,
  type PointMap,
} from '../../src/model/kernagenda';
import { agendaRoom } from '../../src/model/rooms';
import {
  cleanup,
  connect,
  makeToken,
  startServer,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { westBetuwe as config } from '../unit/support/config';
import { seeded, type Random } from '../unit/support/random';
import { bindTo, dropSocket, storedDocs } from './support/soak';

const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const soakSeconds = Number(process.env.SOAK_SECONDS ?? 20);
const clientCount = Number(process.env.SOAK_CLIENTS ?? 200);
const editsPerSecond = Number(process.env.SOAK_EDITS_PER_SECOND ?? 60);
/**
 * Clients per document that publish presence (an awareness state, as the PWA does for its
 * sync confirmation); the others publish none. All of them by default: y-websocket echoes
 * every awareness change it applies back to the server, which must take that in its stride
 * (an earlier relay closed a client joining a room with more than 16 states with 4400).
 */
const presencePerDocument = Number(process.env.SOAK_PRESENCE ?? 40);
const editMs = soakSeconds * 1000;
const tickMs = 50;
/** A connected client goes offline (or loses its link) about once per this many ms. */
const meanOnlineMs = 8000;
const addresses = Array.from({ length: 10 }, (_, i) => `127.0.0.${11 + i}`);
const perAddressLimit = 2 * Math.ceil(clientCount / addresses.length);
const serverArgs = [
  '--limit-loopback',
  '--max-connections-per-address',
  String(perAddressLimit),
  '--compact-every',
  '100',
];
/** Kernen whose committees edit; Varik and Heesselt share one kernagenda (configuration). */
const kernen = ['beesd', 'heukelum', 'varik', 'heesselt', 'geldermalsen', 'tricht'];
/** Generous: waiting on a condition never fails a slow run, only a stuck one. */
const waitMs = 60_000;

// Every provider adds a process 'exit' listener (y-websocket).
const maxListeners = process.getMaxListeners();
process.setMaxListeners(clientCount + 50);
afterAll(async () => {
  await cleanup();
  process.setMaxListeners(maxListeners);
});

interface Group {
  /** The stored document name. */
  doc: string;
  /** The room names its committees open (both kernen of a shared agenda). */
  rooms: string[];
  members: Member[];
}

interface Member {
  index: number;
  kern: string;
  room: string;
  group: Group;
  actor: string;
  client: Client;
  /** What the network schedule wants; the provider follows it. */
  online: boolean;
  offlineUntil: number;
  seq: number;
  gaveUp: { code: number; reason: string } | null;
}

type EditKind = 'add' | 'describe' | 'change' | 'budget' | 'year-budget' | 'delete';

interface Edit {
  /** The id of the activity entry the edit appended (unique per edit). */
  id: string;
  kind: EditKind;
  group: Group;
  author: Member;
  point: string | null;
  /** A description edit appends this text; it must stay in the description. */
  marker: string | null;
  offline: boolean;
  acceptedBy: Member | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function livePoints(doc: Y.Doc): [string, PointMap][] {
  const live: [string, PointMap][] = [];
  pointsOf(doc).forEach((value, id) => {
    if (value instanceof Y.Map && !isDeleted(value as PointMap)) live.push([id, value as PointMap]);
  });
  return live;
}

/** Why `doc` does not contain `edit`, or null when it does. */
function missing(doc: Y.Doc, ids: Set<string>, edit: Edit): string | null {
  if (!ids.has(edit.id)) return 'activity entry missing';
  const map = edit.point ? pointsOf(doc).get(edit.point) : null;
  if (edit.kind === 'add') {
    if (!(map instanceof Y.Map)) return 'point missing';
    if (map.get('createdBy') !== edit.author.actor) return 'point has another author';
  }
  if (edit.kind === 'describe') {
    if (!(map instanceof Y.Map)) return 'point missing';
    if (!descriptionOf(map.get('description')).includes(edit.marker!))
      return `description lacks ${edit.marker}`;
  }
  return null;
}

function activityIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  activityOf(doc).forEach((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
  });
  return ids;
}

/** Lines for the edits of `edits` that `docOf(group)` lacks (empty when none is lost). */
function lost(edits: Edit[], docOf: (group: Group) => Y.Doc): string[] {
  const ids = new Map<Group, Set<string>>();
  const lines: string[] = [];
  for (const edit of edits) {
    const doc = docOf(edit.group);
    if (!ids.has(edit.group)) ids.set(edit.group, activityIds(doc));
    const why = missing(doc, ids.get(edit.group)!, edit);
    if (why)
      lines.push(
        `${edit.group.doc}: ${edit.kind} ${edit.id} by client ${edit.author.index}` +
          `${edit.acceptedBy ? ` (seen by client ${edit.acceptedBy.index})` : ''}: ${why}`,
      );
  }
  return lines;
}

/** The first log lines (all generations) about refused connections or messages. */
const refusals = (generations: ServerHandle[]) =>
  generations
    .flatMap((g) => g.stderr().split('\n'))
    .filter((line) => /connection refused|malformed message|connection floods/.test(line))
    .slice(0, 5);

const stateVector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
const settled = (doc: Y.Doc) => doc.store.pendingStructs === null && doc.store.pendingDs === null;

it(
  `${clientCount} clients edit through disconnects and two SIGKILLs; nothing accepted is lost (SEED=${seed})`,
  { timeout: editMs + 150_000 },
  async () => {
    console.log(
      `soak: SEED=${seed} (replay with SEED=${seed}), ${clientCount} clients, ${soakSeconds} s of editing`,
    );
    const started = performance.now();
    let server: ServerHandle = await startServer({ args: serverArgs });
    const { dataDir, port } = server;
    const generations: ServerHandle[] = [server];
    const tokens = new Map(
      await Promise.all(
        kernen.map(async (kern) => [kern, await makeToken(dataDir, 'commissie', kern)] as const),
      ),
    );

    // Groups by stored document; members round-robin over documents, then over the kernen
    // that write each document, then over the local addresses.
    const groups: Group[] = [];
    for (const kern of kernen) {
      const doc = agendaRoom(config, kern);
      let group = groups.find((g) => g.doc === doc);
      if (!group) groups.push((group = { doc, rooms: [], members: [] }));
      group.rooms.push(`kern/${kern}/agenda`);
    }
    expect(groups.length, 'Varik and Heesselt share one kernagenda').toBe(kernen.length - 1);

    const edits = new Map<string, Edit>();
    const accepted: Edit[] = [];
    const members: Member[] = [];
    for (let index = 0; index < clientCount; index++) {
      const group = groups[index % groups.length]!;
      const room = group.rooms[Math.floor(index / groups.length) % group.rooms.length]!;
      const kern = room.split('/')[1]!;
      const client = connect(server.url, room, { token: tokens.get(kern)!, connect: false });
      const member: Member = {
        index,
        kern,
        room,
        group,
        actor: `Lid ${index} (${kern})`,
        client,
        online: true,
        offlineUntil: 0,
        seq: 0,
        gaveUp: null,
      };
      void client.closed.then((event) => (member.gaveUp = event));
      if (group.members.length < presencePerDocument)
        client.provider.awareness.setLocalStateField('user', { name: member.actor });
      else client.provider.awareness.setLocalState(null);
      // Acceptance: a remote transaction (from the relay) brings another client's entry.
      activityOf(client.doc).observe((event) => {
        if (event.transaction.local) return;
        for (const item of event.changes.added)
          for (const raw of item.content.getContent()) {
            const edit = edits.get((raw as { id?: unknown } | null)?.id as string);
            if (edit && edit.author !== member && !edit.acceptedBy) {
              edit.acceptedBy = member;
              accepted.push(edit);
            }
          }
      });
      group.members.push(member);
      members.push(member);
      bindTo(client, addresses[index % addresses.length]!);
    }
    await until(() => members.every((m) => m.client.provider.synced), {
      timeout: waitMs,
      message: `all ${clientCount} clients synced`,
    });
    const setupMs = Math.round(performance.now() - started);

    const counts = {
      edits: new Map<EditKind, number>(),
      offlineEdits: 0,
      unchanged: 0,
      disconnects: 0,
      drops: 0,
      reconnects: 0,
    };

    function edit(rnd: Random, member: Member): void {
      const { doc, provider } = member.client;
      const ctx: EditContext = {
        actor: member.actor,
        now: new Date().toISOString(),
        config,
        origin: 'soak',
      };
      const log = activityOf(doc);
      const before = log.length;
      const marker = `[${member.index}.${member.seq++}]`;
      const live = livePoints(doc);
      const roll = rnd.next();
      let kind: EditKind = 'add';
      let point: string | null = null;
      const target = live.length ? live[rnd.int(live.length)]! : null;
      const description = target ? descriptionOf(target[1].get('description')) : '';
      if (!target || roll < 0.3 || (roll < 0.6 && description.length > limits.description - 40)) {
        point = addPoint(
          doc,
          {
            title: `Punt ${marker}`,
            description: rnd.int(2) ? `Beschrijving ${marker}` : '',
            theme: rnd.pick(config.themes).id,
            owner: rnd.pick(owners),
            status: rnd.pick(statuses),
            budget: rnd.int(4)
              ? null
              : { year: 2026, amountCents: (1 + rnd.int(20)) * 10_000, kind: 'nieuw' },
          },
          ctx,
        );
      } else if (roll < 0.6) {
        kind = 'describe';
        point = target[0];
        updatePoint(doc, point, { description: `${description} ${marker}` }, ctx);
      } else if (roll < 0.85) {
        kind = 'change';
        point = target[0];
        const map = target[1];
        const other = <T>(list: readonly T[], current: unknown) =>
          rnd.pick(list.filter((v) => v !== current));
        const field = rnd.pick(['title', 'status', 'owner', 'contact', 'theme'] as const);
        const patch =
          field === 'title'
            ? { title: `Punt ${marker}` }
            : field === 'status'
              ? { status: other(statuses, map.get('status')) }
              : field === 'owner'
                ? { owner: other(owners, map.get('owner')) }
                : field === 'contact'
                  ? { contact: `${member.actor} ${marker}` }
                  : { theme: other(config.themes, map.get('theme')).id };
        updatePoint(doc, point, patch, ctx);
      } else if (roll < 0.93) {
        kind = 'budget';
        point = target[0];
        const budget = rnd.int(5)
          ? {
              year: 2026 + rnd.int(2),
              amountCents: (1 + rnd.int(200)) * 1000,
              kind: rnd.pick(['nieuw', 'bestaand'] as const),
            }
          : null;
        updatePoint(doc, point, { budget }, ctx);
      } else if (roll < 0.97) {
        kind = 'year-budget';
        setYearBudget(doc, 2026 + rnd.int(2), (300 + rnd.int(300)) * 1000, ctx);
      } else {
        kind = 'delete';
        point = target[0];
        deletePoint(doc, point, ctx);
      }
      // A write that changes nothing (the same budget drawn again) logs nothing.
      if (log.length === before) return void counts.unchanged++;
      expect(log.length, 'one write appends one activity entry').toBe(before + 1);
      const id = (log.get(before) as { id: string }).id;
      const offline = !provider.synced;
      edits.set(id, {
        id,
        kind,
        group: member.group,
        author: member,
        point,
        marker: kind === 'describe' ? marker : null,
        offline,
        acceptedBy: null,
      });
      counts.edits.set(kind, (counts.edits.get(kind) ?? 0) + 1);
      if (offline) counts.offlineEdits++;
    }

    /** Seeded network schedule, one decision per member and tick. */
    function network(rnd: Random, now: number): void {
      for (const m of members) {
        const { provider } = m.client;
        if (m.online) {
          if (rnd.next() >= tickMs / meanOnlineMs) continue;
          if (rnd.int(2)) {
            // Offline for a while (a phone in a dead spot), then back.
            provider.disconnect();
            m.online = false;
            m.offlineUntil = now + 200 + rnd.int(2800);
            counts.disconnects++;
          } else if (dropSocket(m.client)) counts.drops++;
        } else if (now >= m.offlineUntil) {
          provider.connect();
          m.online = true;
          counts.reconnects++;
        }
      }
    }

    // Two SIGKILLs at seeded moments; after each, before the restart, the store must hold
    // every edit accepted until then.
    const chaosRnd = seeded(seed ^ 0xc4a05);
    const killAt = [0.25 + chaosRnd.next() * 0.15, 0.6 + chaosRnd.next() * 0.15].map((f) =>
      Math.round(f * editMs),
    );
    const kills: {
      atMs: number;
      accepted: number;
      /** Edits first accepted while the server generation that was killed ran. */
      acceptedByGeneration: number;
      downMs: number;
      lost: string[];
    }[] = [];
    let stopped = false;
    const editStart = performance.now();
    const elapsed = () => performance.now() - editStart;

    const chaos = (async () => {
      let acceptedBefore = 0;
      for (const at of killAt) {
        // Not before the server generation has accepted something (so each kill has a fresh
        // generation's edits at stake), unless the editing is over.
        while ((elapsed() < at || accepted.length === acceptedBefore) && !stopped)
          await sleep(tickMs);
        const killedAt = performance.now();
        await server.kill();
        const checked = [...accepted];
        const stored = await storedDocs(
          dataDir,
          groups.map((g) => g.doc),
        );
        const lines = lost(checked, (g) => stored.get(g.doc)!);
        // Clients keep retrying against the dead port for a while before it is back.
        await sleep(300 + chaosRnd.int(1200));
        server = await startServer({ dataDir, port, args: serverArgs });
        generations.push(server);
        kills.push({
          atMs: Math.round(killedAt - editStart),
          accepted: checked.length,
          acceptedByGeneration: checked.length - acceptedBefore,
          downMs: Math.round(performance.now() - killedAt),
          lost: lines,
        });
        acceptedBefore = checked.length;
      }
    })();

    const editing = (async () => {
      const editRnd = seeded(seed);
      const netRnd = seeded(seed ^ 0x51ed);
      let made = 0;
      while (elapsed() < editMs) {
        // The edits due by now (the edit stream is its own seeded sequence, whatever the timing).
        for (const due = Math.floor((elapsed() * editsPerSecond) / 1000); made < due; made++)
          edit(editRnd, editRnd.pick(members));
        network(netRnd, elapsed());
        await sleep(tickMs);
      }
      stopped = true;
    })();

    await Promise.all([editing, chaos]);
    expect(stopped).toBe(true);
    const editingMs = Math.round(elapsed());

    // Everyone back online; every document converges.
    const convergeStart = performance.now();
    for (const m of members)
      if (!m.online) {
        m.client.provider.connect();
        m.online = true;
      }
    await until(() => members.every((m) => m.client.provider.synced || m.gaveUp !== null), {
      timeout: waitMs,
      message: 'every client reconnected and synced',
    });
    expect(
      members.filter((m) => m.gaveUp).map((m) => `client ${m.index}: ${m.gaveUp!.code}`),
      `no client gave up; the servers said:\n${refusals(generations).join('\n')}`,
    ).toEqual([]);
    for (const group of groups)
      await until(
        () => {
          const docs = group.members.map((m) => m.client.doc);
          const first = stateVector(docs[0]!);
          return docs.every((d) => settled(d) && stateVector(d) === first);
        },
        { timeout: waitMs, message: `${group.doc}: every client has every edit` },
      );
    const convergeMs = Math.round(performance.now() - convergeStart);

    const expected = groups.map((group) => {
      const [first, ...rest] = group.members.map((m) => m.client.doc);
      const snapshot = Y.snapshot(first!);
      const read = JSON.stringify(readKernagenda(first!));
      for (const doc of rest) {
        expect(Y.equalSnapshots(Y.snapshot(doc), snapshot), `${group.doc} snapshots`).toBe(true);
        expect(JSON.stringify(readKernagenda(doc)), `${group.doc} model read`).toBe(read);
      }
      return { group, doc: first!, snapshot, read };
    });
    const allEdits = [...edits.values()];
    const docOf = (g: Group) => expected.find((e) => e.group === g)!.doc;
    expect(lost(allEdits, docOf), `SEED=${seed}: edits missing after convergence`).toEqual([]);

    // Final SIGKILL with every client connected; the clients are destroyed before the restart,
    // so what a fresh client gets comes from the store alone.
    await server.kill();
    for (const m of members) m.client.destroy();
    server = await startServer({ dataDir, port, args: serverArgs });
    generations.push(server);
    for (const { group, snapshot, read } of expected)
      for (const room of group.rooms) {
        const fresh = connect(server.url, room, { doc: new Y.Doc() });
        await until(() => fresh.provider.synced, {
          timeout: waitMs,
          message: `fresh client of ${room} synced`,
        });
        const lines = lost(
          accepted.filter((e) => e.group === group),
          () => fresh.doc,
        );
        expect(lines, `SEED=${seed}: accepted edits lost in ${room}`).toEqual([]);
        expect(Y.equalSnapshots(Y.snapshot(fresh.doc), snapshot), `${room} snapshot`).toBe(true);
        expect(JSON.stringify(readKernagenda(fresh.doc)), `${room} model read`).toBe(read);
        fresh.destroy();
      }

    for (const kill of kills)
      expect(
        kill.lost,
        `SEED=${seed}: accepted edits not stored at the kill at ${kill.atMs} ms`,
      ).toEqual([]);
    const badCloses = members.flatMap((m) =>
      m.client.closes
        .filter((code) => (code >= 4400 && code < 4500) || code === 1009 || code === 1011)
        .map((code) => `client ${m.index} (${m.room}): ${code}`),
    );
    expect(
      badCloses,
      `no client was closed with 44xx, 1009 or 1011; the servers said:\n${refusals(generations).join('\n')}`,
    ).toEqual([]);
    const logs = generations.map((g) => g.stderr()).join('\n');
    for (const line of [
      'connection refused',
      'malformed message',
      'connection floods',
      'message handling failed',
      'upgrade failed',
      'room could not be loaded',
      'store failed',
      'compaction failed',
      'update could not be applied',
    ])
      expect(logs, `no server generation logged "${line}"`).not.toContain(line);
    expect(kills.length).toBe(2);
    expect(
      kills.map((k) => k.acceptedByGeneration > 0),
      'each killed server generation had accepted edits',
    ).toEqual([true, true]);
    expect(counts.disconnects + counts.drops).toBeGreaterThan(0);

    const byKind = [...counts.edits].map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(
      `soak: SEED=${seed}: ${clientCount} clients over ${groups.length} documents ` +
        `(${kernen.length} room names); ${allEdits.length} edits (${byKind}; ` +
        `${counts.offlineEdits} made offline, ${counts.unchanged} draws changed nothing), ` +
        `${accepted.length} accepted; ${counts.disconnects} disconnects, ${counts.drops} dropped links, ` +
        `${counts.reconnects} reconnects; kills at ` +
        kills.map((k) => `${k.atMs} ms (${k.accepted} accepted, down ${k.downMs} ms)`).join(', ') +
        ` + a final one; setup ${setupMs} ms, editing ${editingMs} ms, converge ${convergeMs} ms, ` +
        `total ${Math.round(performance.now() - started)} ms`,
    );
  },
);
