/**
 * The sync layer's merge base (src/sync/mergeBase.ts) on real Y.Docs, and the budget warnings
 * the UI derives from it (budgetMerge.ts `remainingMergeWarnings`): the agenda a device had
 * just before other people's edits came in, episodes that end at this device's own edit or a
 * reconnect, and what does not start one (a first sync, loading the on-device copy, an echo,
 * a description being typed).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  descriptionText,
  readKernagenda,
  setYearBudget,
  updatePoint,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import { noteDescriptionEdit } from '../../src/model/activity';
import { remainingMergeWarnings } from '../../src/model/budgetMerge';
import { trackMergeBase, type MergeTracker } from '../../src/sync/mergeBase';
import { westBetuwe as config } from './support/config';
import { fork } from './support/replicas';

const REMOTE = Symbol('relay');
const LOAD = Symbol('indexeddb');

let minute = 0;
const at = (actor: string): EditContext => ({
  actor,
  now: new Date(Date.parse('2026-05-01T10:00:00.000Z') + 60_000 * minute++).toISOString(),
  config,
});
const request = (
  title: string,
  euro: number,
  kind: 'nieuw' | 'bestaand' = 'nieuw',
): PointInput => ({
  title,
  theme: 'economie',
  owner: 'inwoners',
  status: 'idee',
  budget: { year: 2026, amountCents: euro * 100, kind },
});

/** Sends what `from` has and `to` lacks, as the relay would: a remote transaction on `to`. */
const fromRelay = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);

const trackers: MergeTracker[] = [];
function track(doc: Y.Doc): MergeTracker {
  const tracker = trackMergeBase(doc, {
    isRemote: (origin) => origin === REMOTE,
    isLoad: (origin) => origin === LOAD,
    now: () => '2026-05-02T10:00:00.000Z',
  });
  trackers.push(tracker);
  return tracker;
}

/** A committee agenda with a budget of € 3.000 for 2026, and two devices that have it. */
function twoDevices() {
  minute = 0;
  const base = new Y.Doc();
  setYearBudget(base, 2026, 300000, at('Anna'));
  return { base, anna: fork(base), jan: fork(base) };
}

/** What the UI shows for a device: the merge's warnings that still hold now. */
function warningsOf(tracker: MergeTracker, doc: Y.Doc) {
  const base = tracker.base.getSnapshot();
  if (!base) return [];
  const now = readKernagenda(doc);
  return remainingMergeWarnings([base.before], base.after ?? now, now, config);
}

describe('the merge base of a device', () => {
  it("keeps the device's own agenda from before the other's offline edit came in", () => {
    const { anna, jan } = twoDevices();
    const annas = track(anna);
    addPoint(anna, request('Speeltuin', 2000), at('Anna'));
    addPoint(jan, request('Bloembakken', 1500), at('Jan'));
    const annasSide = readKernagenda(anna);
    expect(annas.base.getSnapshot()).toBeNull();

    let notified = 0;
    annas.base.subscribe(() => notified++);
    fromRelay(jan, anna);
    const base = annas.base.getSnapshot()!;
    expect(notified).toBe(1);
    expect(base.before).toEqual(annasSide);
    expect(base.after).toBeNull();
    expect(warningsOf(annas, anna).map((w) => w.message)).toEqual([
      'Met de wijzigingen die net binnenkwamen, klopt dit niet meer. Voor 2026 is € 3.500 aangevraagd. Het budget is € 3.000. Dat is € 500 te veel.',
    ]);
  });

  it('keeps one episode while remote changes go on, and ends it at an own edit', () => {
    const { anna, jan } = twoDevices();
    const annas = track(anna);
    addPoint(anna, request('Speeltuin', 2000), at('Anna'));
    const annasSide = readKernagenda(anna);
    const flowers = addPoint(jan, request('Bloembakken', 1500), at('Jan'));
    fromRelay(jan, anna);
    const first = annas.base.getSnapshot()!;
    updatePoint(jan, flowers, { status: 'in-uitvoering' }, at('Jan'));
    fromRelay(jan, anna);
    expect(annas.base.getSnapshot()).toBe(first);
    expect(first.before).toEqual(annasSide);

    // Anna edits: the episode ends with the agenda from just before her edit.
    const merged = readKernagenda(anna);
    addPoint(anna, request('Dorpsfeest', 200, 'bestaand'), at('Anna'));
    const ended = annas.base.getSnapshot()!;
    expect(ended.id).toBe(first.id);
    expect(ended.before).toBe(first.before);
    expect(ended.after).toEqual(merged);
    // The warning stays, with today's figures; her own edit is not blamed on the merge.
    expect(warningsOf(annas, anna).map((w) => w.message)).toEqual([
      'Met de wijzigingen die net binnenkwamen, klopt dit niet meer. Voor 2026 is € 3.700 aangevraagd. Het budget is € 3.000. Dat is € 700 te veel.',
    ]);

    // Lowering a request until it fits ends the warning.
    updatePoint(
      anna,
      flowers,
      { budget: { year: 2026, amountCents: 80000, kind: 'nieuw' } },
      at('Anna'),
    );
    expect(warningsOf(annas, anna)).toEqual([]);

    // The next remote change starts a new episode, from the agenda just before it.
    const beforeNext = readKernagenda(anna);
    updatePoint(jan, flowers, { title: 'Bloembakken bij de brug' }, at('Jan'));
    fromRelay(jan, anna);
    const next = annas.base.getSnapshot()!;
    expect(next.id).not.toBe(first.id);
    expect(next.before).toEqual(beforeNext);
    expect(next.after).toBeNull();
  });

  it('ends the episode when the link connects again', () => {
    const { anna, jan } = twoDevices();
    const annas = track(anna);
    addPoint(jan, request('Bloembakken', 1500), at('Jan'));
    fromRelay(jan, anna);
    const first = annas.base.getSnapshot()!;
    annas.connected();
    expect(annas.base.getSnapshot()!.after).toEqual(readKernagenda(anna));
    annas.connected(); // nothing open: nothing changes
    expect(annas.base.getSnapshot()!.id).toBe(first.id);

    const beforeNext = readKernagenda(anna);
    addPoint(jan, request('Speeltuin', 500), at('Jan'));
    fromRelay(jan, anna);
    expect(annas.base.getSnapshot()!.id).not.toBe(first.id);
    expect(annas.base.getSnapshot()!.before).toEqual(beforeNext);
  });

  it('starts nothing on a first sync, a load, an echo, or a description being typed', () => {
    minute = 0;
    const server = new Y.Doc();
    setYearBudget(server, 2026, 300000, at('Anna'));
    const id = addPoint(server, request('Speeltuin', 2000), at('Anna'));

    // A first visit: the device had no agenda, so it has no side.
    const visitor = new Y.Doc();
    const visitors = track(visitor);
    fromRelay(server, visitor);
    expect(visitors.base.getSnapshot()).toBeNull();

    // Loading the on-device copy is not a remote change.
    const reloaded = new Y.Doc();
    const reloads = track(reloaded);
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(server), LOAD);
    expect(reloads.base.getSnapshot()).toBeNull();

    // The relay echoing what the device already has changes nothing.
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(server), REMOTE);
    expect(reloads.base.getSnapshot()).toBeNull();

    // Someone typing a description changes no budget: no episode.
    descriptionText(server, id)!.insert(0, 'Met een glijbaan.');
    noteDescriptionEdit(server, id, at('Jan'));
    fromRelay(server, reloaded);
    expect(readKernagenda(reloaded).points[0]!.description).toBe('Met een glijbaan.');
    expect(reloads.base.getSnapshot()).toBeNull();

    // A later real change does, and on the visitor's device too, now that it has an agenda.
    updatePoint(server, id, { status: 'gerealiseerd' }, at('Jan'));
    fromRelay(server, reloaded);
    fromRelay(server, visitor);
    expect(reloads.base.getSnapshot()!.before.points[0]!.status).toBe('idee');
    expect(visitors.base.getSnapshot()!.before.points[0]!.status).toBe('idee');
  });

  it('stops listening when destroyed', () => {
    const { anna, jan } = twoDevices();
    const annas = track(anna);
    annas.destroy();
    addPoint(jan, request('Bloembakken', 1500), at('Jan'));
    fromRelay(jan, anna);
    expect(annas.base.getSnapshot()).toBeNull();
  });
});

describe('remainingMergeWarnings', () => {
  it('keeps a rule the merge broke while it is broken, and ignores rules broken later', () => {
    const { anna, jan } = twoDevices();
    addPoint(anna, request('Dorpsfeest', 500, 'bestaand'), at('Anna'));
    addPoint(jan, request('Kermis', 500, 'bestaand'), at('Jan'));
    const side = readKernagenda(anna);
    fromRelay(jan, anna);
    const merged = readKernagenda(anna);
    // 25% of € 3.000 is € 750: together € 1.000 of existing activities is too much.
    expect(remainingMergeWarnings([side], merged, merged, config).map((w) => w.rule)).toEqual([
      'new-share',
    ]);
    // Later, Anna alone asks too much for one initiative: not the merge's doing.
    const big = addPoint(anna, request('Groot plan', 2500), at('Anna'));
    const now = readKernagenda(anna);
    expect(remainingMergeWarnings([side], merged, now, config).map((w) => w.rule)).toEqual([
      'new-share',
    ]);
    updatePoint(anna, big, { budget: null }, at('Anna'));
    const kermis = readKernagenda(anna).points.find((p) => p.title === 'Kermis')!;
    updatePoint(anna, kermis.id, { budget: null }, at('Anna'));
    expect(remainingMergeWarnings([side], merged, readKernagenda(anna), config)).toEqual([]);
  });
});
