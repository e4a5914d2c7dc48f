/**
 * Budget warnings that only a merge causes, through the PWA's sync layer (src/sync: room,
 * provider, mergeBase) against the real relay process: two committee devices go offline,
 * each adds a request that fits the year's budget, together they do not. Back online, each
 * device has kept its own agenda from just before the other's edit came in, so each can say
 * what the merge did (budgetMerge.ts); the warning lasts through a reconnect while the rule is
 * broken and ends when the committee fixes it. A first visit starts no warning. Each device
 * keeps its copy in memory (no IndexedDB), so two devices can share one process.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { budgetYearFor } from '../../src/model/budget';
import { budgetMergeWarnings, remainingMergeWarnings } from '../../src/model/budgetMerge';
import {
  addPoint,
  readKernagenda,
  setYearBudget,
  updatePoint,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import type { Room } from '../../src/sync/room';
import { until } from '../helpers/server';
import { pwaRelay } from './support/devices';

const config = parseGemeenteConfig(
  JSON.parse(
    readFileSync(new URL('../../src/config/gemeenten/west-betuwe.json', import.meta.url), 'utf8'),
  ),
);
const year = budgetYearFor(new Date().toISOString(), config.budget);
const ctx = (actor: string): EditContext => ({ actor, now: new Date().toISOString(), config });
const request = (title: string, euro: number): PointInput => ({
  title,
  theme: 'economie',
  owner: 'inwoners',
  status: 'idee',
  budget: { year, amountCents: euro * 100, kind: 'nieuw' },
});

const relay = pwaRelay();

const state = (room: Room) => room.status.getSnapshot();
const inSync = (room: Room) => state(room).state === 'gesynchroniseerd' && !state(room).unsent;
const titles = (room: Room) => readKernagenda(room.doc).points.map((p) => p.title);

/** What the kern page shows this device: the merge's warnings that still hold now. */
function warningsOn(room: Room) {
  const base = room.mergeBase.getSnapshot();
  if (!base) return [];
  const now = readKernagenda(room.doc);
  return remainingMergeWarnings([base.before], base.after ?? now, now, config);
}

describe('budget warnings caused by a merge', () => {
  it('each device keeps its side, warns after the merge, and stops when it is fixed', async () => {
    const name = 'kern/rhenoy/agenda';
    const anna = relay.device(name, await relay.token('commissie', 'rhenoy', 'Anna'));
    const jan = relay.device(name, await relay.token('commissie', 'rhenoy', 'Jan'));
    await until(() => inSync(anna) && inSync(jan), { message: 'both in sync' });

    // The committee sets this year's budget to € 3.000; both devices have it.
    setYearBudget(anna.doc, year, 300000, ctx('Anna'));
    await until(() => readKernagenda(jan.doc).yearBudgets[year] === 300000, {
      message: 'Jan has the budget',
    });
    expect(anna.mergeBase.getSnapshot()).toBeNull();

    // Both go offline; each adds a request that fits the budget on its own.
    anna.setOnline(false);
    jan.setOnline(false);
    await until(() => state(anna).connection === 'disconnected', { message: 'Anna offline' });
    await until(() => state(jan).connection === 'disconnected', { message: 'Jan offline' });
    addPoint(anna.doc, request('Speeltuin', 2000), ctx('Anna'));
    const flowers = addPoint(jan.doc, request('Bloembakken', 1500), ctx('Jan'));
    const annasSide = readKernagenda(anna.doc);
    const jansSide = readKernagenda(jan.doc);
    expect(warningsOn(anna)).toEqual([]);

    // Back online, one after the other: the relay brings each the other's request.
    anna.setOnline(true);
    await until(() => inSync(anna), { message: 'Anna sent her request' });
    jan.setOnline(true);
    for (const room of [anna, jan])
      await until(() => inSync(room) && titles(room).length === 2, {
        message: 'both requests on both devices',
      });

    expect(anna.mergeBase.getSnapshot()!.before).toEqual(annasSide);
    expect(jan.mergeBase.getSnapshot()!.before).toEqual(jansSide);
    const merged = readKernagenda(anna.doc);
    expect(readKernagenda(jan.doc)).toEqual(merged);
    for (const room of [anna, jan])
      expect(warningsOn(room).map((w) => w.message)).toEqual([
        `Met de wijzigingen die net binnenkwamen, klopt dit niet meer. Voor ${year} is € 3.500 aangevraagd. Het budget is € 3.000. Dat is € 500 te veel.`,
      ]);
    // Both sides together (known here, not on one device) say the same rule broke.
    expect(budgetMergeWarnings([annasSide, jansSide], merged, config).map((w) => w.rule)).toEqual([
      'over-budget',
    ]);

    // A reconnect ends Jan's episode, but the rule is still broken: the warning stays.
    jan.setOnline(false);
    await until(() => state(jan).connection === 'disconnected', { message: 'Jan offline again' });
    jan.setOnline(true);
    await until(() => inSync(jan), { message: 'Jan back' });
    expect(jan.mergeBase.getSnapshot()!.after).toEqual(merged);
    expect(warningsOn(jan).map((w) => w.rule)).toEqual(['over-budget']);

    // A first visit on a new device: it had no agenda, so there was no merge.
    const visitor = relay.device(name, null);
    await until(() => inSync(visitor) && titles(visitor).length === 2, {
      message: 'visitor synced',
    });
    expect(visitor.mergeBase.getSnapshot()).toBeNull();

    // Anna lowers Jan's request until it fits: the warning ends on both devices.
    updatePoint(
      anna.doc,
      flowers,
      { budget: { year, amountCents: 100000, kind: 'nieuw' } },
      ctx('Anna'),
    );
    await until(
      () => readKernagenda(jan.doc).points.some((p) => p.budget?.amountCents === 100000),
      {
        message: 'Jan has the lower amount',
      },
    );
    expect(warningsOn(anna)).toEqual([]);
    expect(warningsOn(jan)).toEqual([]);
  });
});
