/**
 * Conflicts people understand: two (or three) devices edit offline and merge, in both
 * orders; the merged document alone says who changed what at the same time, and which value
 * holds now. Budget rules that only the merge breaks are found from the sides' snapshots.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  deletePoint,
  descriptionText,
  readKernagenda,
  restorePoint,
  setYearBudget,
  statuses,
  updatePoint,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import { readConflicts, type Conflict, type FieldConflict } from '../../src/model/conflicts';
import { budgetMergeWarnings } from '../../src/model/budgetMerge';
import { budgetFigures } from '../../src/model/budget';
import { formatLogged, noteDescriptionEdit } from '../../src/model/activity';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';
import { seeded } from './support/random';

let minute = 0;
const at = (actor: string, origin?: unknown): EditContext => ({
  actor,
  now: new Date(Date.parse('2026-05-01T10:00:00.000Z') + 60_000 * minute++).toISOString(),
  config,
  origin,
});
const speeltuin: PointInput = {
  title: 'Speeltuin',
  theme: 'sport-cultuur-en-recreatie',
  owner: 'inwoners',
  status: 'idee',
  budget: { year: 2026, amountCents: 100000, kind: 'nieuw' },
};
const amount = (amountCents: number) => ({
  budget: { year: 2026, amountCents, kind: 'nieuw' as const },
});

/**
 * A base agenda, then offline edits per device, then every merge order. Checks that all
 * merged replicas read the same agenda and the same conflicts; returns them.
 */
function offline(setup: (base: Y.Doc) => void, ...sides: ((doc: Y.Doc) => void)[]) {
  minute = 0;
  const base = new Y.Doc();
  setup(base);
  const devices = sides.map(() => fork(base));
  sides.forEach((edit, i) => edit(devices[i]!));
  const before = Y.encodeStateVector(base);
  const updates = devices.map((d) => Y.encodeStateAsUpdate(d, before));
  const merged = [updates, [...updates].reverse()].map((order) => {
    const doc = fork(base);
    for (const u of order) Y.applyUpdate(doc, u);
    return doc;
  });
  for (const other of devices.slice(1)) sync(devices[0]!, other);
  for (const other of devices.slice(1)) sync(devices[0]!, other);
  const all = [...merged, ...devices];
  const conflicts = all.map((doc) => readConflicts(doc, { config }));
  for (const doc of all.slice(1)) expect(readKernagenda(doc)).toEqual(readKernagenda(all[0]!));
  for (const list of conflicts.slice(1)) expect(list).toEqual(conflicts[0]);
  return { doc: merged[0]!, conflicts: conflicts[0]!, devices };
}

const fieldConflict = (list: readonly Conflict[]) => {
  expect(list).toHaveLength(1);
  expect(list[0]!.kind).toBe('field');
  return list[0] as FieldConflict;
};

describe('readConflicts: the same field changed on two devices', () => {
  it('names both people, what each had, and the amount that holds now', () => {
    let id = '';
    const { doc, conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (jan) => updatePoint(jan, id, amount(120000), at('Jan')),
      (fatima) => updatePoint(fatima, id, amount(150000), at('Fatima')),
    );
    const c = fieldConflict(conflicts);
    const now = readKernagenda(doc).points[0]!.budget!.amountCents;
    expect(c).toMatchObject({
      kind: 'field',
      point: id,
      year: null,
      title: 'Speeltuin',
      field: 'budgetCents',
      now,
      people: ['Jan', 'Fatima'],
      at: '2026-05-01T10:02:00.000Z',
    });
    expect(c.sides.map((s) => [s.by, s.value])).toEqual([
      ['Jan', 120000],
      ['Fatima', 150000],
    ]);
    expect(c.winner!.value).toBe(now);
    expect(c.message).toBe(
      `Jan en Fatima wijzigden allebei het bedrag van "Speeltuin"; nu ${now === 150000 ? '€ 1.500' : '€ 1.200'} — Jan had € 1.200, Fatima € 1.500.`,
    );
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('finds nothing when the edits touch different fields, or agree', () => {
    let id = '';
    const different = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { status: 'in-uitvoering' }, at('Jan')),
      (b) => updatePoint(b, id, { ...amount(150000), contact: 'Piet' }, at('Fatima')),
    );
    expect(different.conflicts).toEqual([]);
    const same = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { status: 'gerealiseerd' }, at('Jan')),
      (b) => updatePoint(b, id, { status: 'gerealiseerd' }, at('Fatima')),
    );
    expect(same.conflicts).toEqual([]);
  });

  it('finds nothing when one edit followed the other (after syncing)', () => {
    minute = 0;
    const a = new Y.Doc();
    const id = addPoint(a, speeltuin, at('Anna'));
    const b = fork(a);
    updatePoint(a, id, amount(120000), at('Jan'));
    sync(a, b);
    updatePoint(b, id, amount(150000), at('Fatima'));
    sync(a, b);
    expect(readConflicts(a)).toEqual([]);
  });

  it('is settled by a later edit of the field, not by an edit of another field', () => {
    let id = '';
    const { doc } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { status: 'gerealiseerd' }, at('Jan')),
      (b) => updatePoint(b, id, { status: 'lukt-niet' }, at('Fatima')),
    );
    const c = fieldConflict(readConflicts(doc, { config }));
    expect(c.message).toMatch(
      /^Jan en Fatima wijzigden allebei de status van "Speeltuin"; nu (Gerealiseerd|Lukt niet) — Jan had Gerealiseerd, Fatima Lukt niet\.$/,
    );
    updatePoint(doc, id, { contact: 'Piet' }, at('Anna'));
    expect(readConflicts(doc)).toHaveLength(1);
    const other =
      readKernagenda(doc).points[0]!.status === 'lukt-niet' ? 'gerealiseerd' : 'lukt-niet';
    updatePoint(doc, id, { status: other }, at('Anna'));
    expect(readConflicts(doc)).toEqual([]);
  });

  it('takes only the last of several offline edits of one device', () => {
    let id = '';
    const { conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => {
        updatePoint(a, id, amount(110000), at('Jan'));
        updatePoint(a, id, amount(120000), at('Jan'));
      },
      (b) => updatePoint(b, id, amount(150000), at('Fatima')),
    );
    expect(fieldConflict(conflicts).sides.map((s) => s.value)).toEqual([120000, 150000]);
  });

  it('explains a request removed on one side while its amount changed on the other', () => {
    let id = '';
    const { doc, conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { budget: null }, at('Jan')),
      (b) => updatePoint(b, id, amount(150000), at('Fatima')),
    );
    expect(readKernagenda(doc).points[0]!.budget).toBeNull();
    const c = fieldConflict(conflicts);
    expect(c).toMatchObject({ field: 'budgetCents', now: null, winner: { by: 'Jan' } });
    expect(c.message).toBe(
      'Jan en Fatima wijzigden allebei het bedrag van "Speeltuin"; nu geen aanvraag — Jan had geen aanvraag, Fatima € 1.500.',
    );
  });

  it('names themes and titles the way people read them', () => {
    let id = '';
    const { doc, conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { title: 'Speeltuin Beesd', theme: 'economie' }, at('Jan')),
      (b) => updatePoint(b, id, { title: 'Speelplaats', theme: 'voorzieningen' }, at('Fatima')),
    );
    const title = readKernagenda(doc).points[0]!.title;
    expect(conflicts.map((c) => c.message).sort()).toEqual(
      [
        `Jan en Fatima wijzigden allebei de titel; nu "${title}" — Jan had "Speeltuin Beesd", Fatima "Speelplaats".`,
        `Jan en Fatima wijzigden allebei het thema van "${title}"; nu ${formatLogged('theme', readKernagenda(doc).points[0]!.theme, config)} — Jan had Economie, Fatima Voorzieningen.`,
      ].sort(),
    );
  });

  it('never calls concurrent typing in a description a conflict', () => {
    let id = '';
    const { doc, conflicts } = offline(
      (base) => (id = addPoint(base, { ...speeltuin, description: 'Een glijbaan' }, at('Anna'))),
      (a) => updatePoint(a, id, { description: 'Een grote glijbaan' }, at('Jan')),
      (b) => {
        descriptionText(b, id)!.insert(12, ' en een schommel');
        noteDescriptionEdit(b, id, at('Fatima'));
      },
    );
    expect(conflicts).toEqual([]);
    expect(readKernagenda(doc).points[0]!.description).toBe('Een grote glijbaan en een schommel');
  });

  it('handles three devices, and one person on two devices', () => {
    let id = '';
    const three = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => updatePoint(a, id, { owner: 'gemeente' }, at('Jan')),
      (b) => updatePoint(b, id, { owner: 'provincie' }, at('Fatima')),
      (c) => updatePoint(c, id, { owner: 'samen' }, at('Piet')),
    );
    expect(fieldConflict(three.conflicts).message).toMatch(
      /^Jan, Fatima en Piet wijzigden tegelijk wie het oppakt van "Speeltuin"; nu (Gemeente|Provincie|Samen) — Jan had Gemeente, Fatima Provincie, Piet Samen\.$/,
    );
    const twoDevices = offline(
      (base) => (id = addPoint(base, { ...speeltuin, contact: 'Kees' }, at('Anna'))),
      (laptop) => updatePoint(laptop, id, { contact: 'Piet' }, at('Jan')),
      (phone) => updatePoint(phone, id, { contact: '' }, at('Jan')),
    );
    expect(fieldConflict(twoDevices.conflicts).message).toMatch(
      /^Jan wijzigde de contactpersoon van "Speeltuin" op twee apparaten tegelijk; nu (Piet|geen contactpersoon) — de waarden waren Piet en geen contactpersoon\.$/,
    );
  });

  it('finds year budgets set at the same time', () => {
    const { doc, conflicts } = offline(
      (base) => setYearBudget(base, 2026, 500000, at('Anna')),
      (a) => setYearBudget(a, 2026, 400000, at('Jan')),
      (b) => setYearBudget(b, 2026, 700000, at('Fatima')),
    );
    const now = readKernagenda(doc).yearBudgets[2026]!;
    const c = fieldConflict(conflicts);
    expect(c).toMatchObject({ point: null, year: 2026, field: 'yearBudget', now, title: '' });
    expect(c.message).toBe(
      `Jan en Fatima wijzigden allebei het budget voor 2026; nu ${now === 400000 ? '€ 4.000' : '€ 7.000'} — Jan had € 4.000, Fatima € 7.000.`,
    );
  });
});

describe('readConflicts: a point deleted while someone edited it', () => {
  it('says the point stays deleted and the edit was kept; a restore settles it', () => {
    let id = '';
    const { doc, conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => deletePoint(a, id, at('Jan')),
      (b) => updatePoint(b, id, { ...amount(150000), status: 'in-voorbereiding' }, at('Fatima')),
    );
    expect(conflicts).toEqual([
      expect.objectContaining({
        kind: 'deleted',
        point: id,
        deletedBy: ['Jan'],
        people: ['Jan', 'Fatima'],
        edits: [expect.objectContaining({ by: 'Fatima', fields: ['status', 'budgetCents'] })],
        message:
          'Jan verwijderde "Speeltuin", terwijl Fatima het punt tegelijk wijzigde (de status en het bedrag). Het punt blijft verwijderd; de wijziging van Fatima is bewaard. Zet het punt terug als het moet blijven.',
      }),
    ]);
    restorePoint(doc, id, at('Fatima'));
    expect(readConflicts(doc)).toEqual([]);
    expect(readKernagenda(doc).points[0]!.budget!.amountCents).toBe(150000);
  });

  it('names several edits made while the point was deleted elsewhere', () => {
    let id = '';
    const { conflicts } = offline(
      (base) => (id = addPoint(base, speeltuin, at('Anna'))),
      (a) => deletePoint(a, id, at('Jan')),
      (b) => {
        updatePoint(b, id, { contact: 'Piet' }, at('Fatima'));
        updatePoint(b, id, { description: 'Met een glijbaan' }, at('Bram'));
      },
    );
    expect(conflicts.map((c) => c.message)).toEqual([
      'Jan verwijderde "Speeltuin", terwijl Fatima en Bram het punt tegelijk wijzigden (de contactpersoon en de beschrijving). Het punt blijft verwijderd; de wijzigingen van Fatima en Bram zijn bewaard. Zet het punt terug als het moet blijven.',
    ]);
  });

  it('is no conflict when the deletion came after the edit was seen', () => {
    minute = 0;
    const a = new Y.Doc();
    const id = addPoint(a, speeltuin, at('Anna'));
    const b = fork(a);
    updatePoint(b, id, amount(150000), at('Fatima'));
    sync(a, b);
    deletePoint(a, id, at('Jan'));
    sync(a, b);
    expect(readConflicts(b)).toEqual([]);
  });
});

describe('readConflicts: options', () => {
  it('keeps only conflicts with an edit after `since`, newest first', () => {
    let id1 = '';
    let id2 = '';
    const { doc } = offline(
      (base) => {
        id1 = addPoint(base, speeltuin, at('Anna'));
        id2 = addPoint(base, { ...speeltuin, title: 'Bankjes' }, at('Anna'));
      },
      (a) => {
        updatePoint(a, id1, { status: 'gerealiseerd' }, at('Jan'));
        updatePoint(a, id2, { status: 'gerealiseerd' }, at('Jan'));
      },
      (b) => {
        updatePoint(b, id1, { status: 'lukt-niet' }, at('Fatima')); // 10:04
        updatePoint(b, id2, { status: 'lukt-niet' }, at('Fatima')); // 10:05
      },
    );
    expect(readConflicts(doc).map((c) => c.point)).toEqual([id2, id1]);
    expect(readConflicts(doc, { since: '2026-05-01T10:04:00.000Z' }).map((c) => c.point)).toEqual([
      id2,
    ]);
  });
});

describe('readConflicts on randomized offline edits', () => {
  it('reads the same on every replica, and each field conflict tells the value that holds', () => {
    const seed = process.env.SEED ? Number(process.env.SEED) : 20261205;
    const rnd = seeded(seed);
    minute = 0;
    const base = new Y.Doc();
    const ids = [0, 1, 2].map((i) =>
      addPoint(base, { ...speeltuin, title: `Punt ${i}` }, at('Anna')),
    );
    const devices = [fork(base), fork(base), fork(base)];
    // Fixed client ids: which concurrent value Yjs keeps depends on them.
    devices.forEach((doc, i) => (doc.clientID = 101 + i));
    for (let round = 0; round < 6; round++) {
      for (const [r, doc] of devices.entries())
        for (let i = 0; i < 3; i++) {
          const id = rnd.pick(ids);
          if (!readKernagenda(doc).points.some((p) => p.id === id)) continue;
          const roll = rnd.next();
          const who = at(`Lid ${r}`);
          if (roll < 0.45) updatePoint(doc, id, { status: rnd.pick(statuses) }, who);
          else if (roll < 0.85) updatePoint(doc, id, amount(rnd.int(4) * 50000), who);
          else if (roll < 0.93) setYearBudget(doc, 2026, rnd.int(3) * 100000, who);
          else deletePoint(doc, id, who);
        }
      // Some devices meet between rounds, others stay offline.
      const [x, y] = [rnd.int(3), rnd.int(3)];
      if (x !== y && rnd.next() < 0.5) sync(devices[x]!, devices[y]!);
    }
    sync(devices[0]!, devices[1]!);
    sync(devices[1]!, devices[2]!);
    sync(devices[0]!, devices[1]!);
    const lists = devices.map((d) => readConflicts(d));
    for (const list of lists.slice(1)) expect(list).toEqual(lists[0]);
    if (!process.env.SEED)
      expect(lists[0]!.filter((c) => c.kind === 'field').length).toBeGreaterThan(2);
    const agenda = readKernagenda(devices[0]!);
    for (const c of lists[0]!) {
      if (c.kind !== 'field') continue;
      expect(new Set(c.sides.map((s) => s.value)).size).toBeGreaterThan(1);
      if (c.point === null) expect(agenda.yearBudgets[c.year!] ?? null).toBe(c.now);
      else {
        const p = agenda.points.find((x) => x.id === c.point)!;
        const value = c.field === 'status' ? p.status : (p.budget?.amountCents ?? null);
        expect(c.now).toBe(value);
      }
    }
  });
});

describe('readConflicts never sees a conflict in edits made one after the other', () => {
  it('finds none when every edit reaches the other devices before the next', () => {
    const rnd = seeded(7);
    minute = 0;
    const base = new Y.Doc();
    const ids = [0, 1].map((i) => addPoint(base, { ...speeltuin, title: `Punt ${i}` }, at('Anna')));
    const devices = [fork(base), fork(base), fork(base)];
    for (let i = 0; i < 60; i++) {
      const r = rnd.int(3);
      const doc = devices[r]!;
      const id = rnd.pick(ids);
      const live = readKernagenda(doc).points.some((p) => p.id === id);
      const who = at(`Lid ${r}`);
      if (!live) restorePoint(doc, id, who);
      else if (rnd.next() < 0.4) updatePoint(doc, id, { status: rnd.pick(statuses) }, who);
      else if (rnd.next() < 0.8) updatePoint(doc, id, amount(rnd.int(4) * 50000), who);
      else if (rnd.next() < 0.5) setYearBudget(doc, 2026, rnd.int(3) * 100000, who);
      else deletePoint(doc, id, who);
      for (const other of devices) if (other !== doc) sync(doc, other);
    }
    expect(readConflicts(devices[0]!)).toEqual([]);
  });
});

describe('budgetMergeWarnings', () => {
  const request = (title: string, amountCents: number, kind: 'nieuw' | 'bestaand' = 'nieuw') => ({
    ...speeltuin,
    title,
    budget: { year: 2026, amountCents, kind },
  });

  it('warns when the merged agenda is over budget although each side was within it', () => {
    const sides: ReturnType<typeof readKernagenda>[] = [];
    const { doc } = offline(
      (base) => {
        addPoint(base, request('Bloembakken', 150000), at('Anna'));
        addPoint(base, request('Speeltuin', 150000), at('Anna'));
      },
      (a) => {
        addPoint(a, request('Muziek op het plein', 150000), at('Jan'));
        sides.push(readKernagenda(a));
      },
      (b) => {
        addPoint(b, request('Verlichting', 150000), at('Fatima'));
        sides.push(readKernagenda(b));
      },
    );
    for (const side of sides) expect(budgetFigures(side, config, 2026).violations).toEqual([]);
    const merged = readKernagenda(doc);
    expect(budgetMergeWarnings(sides, merged, config)).toEqual([
      {
        year: 2026,
        rule: 'over-budget',
        pointIds: merged.points.map((p) => p.id),
        message:
          'Apart pasten de wijzigingen binnen de regels, samen niet. Voor 2026 is € 6.000 aangevraagd. Het budget is € 5.000. Dat is € 1.000 te veel.',
      },
    ]);
    // One device knows only its own side.
    expect(budgetMergeWarnings([sides[0]!], merged, config).map((w) => w.message)).toEqual([
      'Met de wijzigingen die net binnenkwamen, klopt dit niet meer. Voor 2026 is € 6.000 aangevraagd. Het budget is € 5.000. Dat is € 1.000 te veel.',
    ]);
  });

  it('finds the share for existing activities broken by the merge, from real replicas', () => {
    minute = 0;
    const base = new Y.Doc();
    addPoint(base, request('Nieuw', 100000), at('Anna'));
    const [a, b] = [fork(base), fork(base)];
    addPoint(a, request('Dorpsfeest', 100000, 'bestaand'), at('Jan'));
    addPoint(b, request('Kermis', 50000, 'bestaand'), at('Fatima'));
    const sides = [readKernagenda(a), readKernagenda(b)];
    sync(a, b);
    for (const merged of [readKernagenda(a), readKernagenda(b)]) {
      const warnings = budgetMergeWarnings(sides, merged, config);
      expect(warnings.map((w) => [w.year, w.rule])).toEqual([[2026, 'new-share']]);
      expect(warnings[0]!.message).toContain('€ 1.500');
    }
  });

  it('says nothing about a rule one side had already broken, or when all is well', () => {
    minute = 0;
    const base = new Y.Doc();
    const [a, b] = [fork(base), fork(base)];
    addPoint(a, request('Groot', 250000), at('Jan')); // above the maximum per initiative
    addPoint(a, request('Ook groot', 200000), at('Jan'));
    addPoint(b, request('Klein', 100000), at('Fatima'));
    const sides = [readKernagenda(a), readKernagenda(b)];
    sync(a, b);
    const merged = readKernagenda(a);
    expect(budgetFigures(merged, config, 2026).violations.map((v) => v.rule)).toEqual([
      'max-per-initiative',
      'over-budget',
    ]);
    expect(budgetMergeWarnings(sides, merged, config).map((w) => w.rule)).toEqual(['over-budget']);
    expect(budgetMergeWarnings([merged], merged, config)).toEqual([]);
    expect(budgetMergeWarnings([], readKernagenda(new Y.Doc()), config)).toEqual([]);
  });
});
