/**
 * "Dit willen wij ook" (src/model/takeOver.ts): a point prefilled from a project of another
 * kern (with its checklist and link), taken over into one's own kernagenda and recorded on
 * the plein per kern; retries are idempotent, concurrent take-overs by two kernen both stay,
 * and refusals write nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommitteeContext } from '../../src/model/committee';
import {
  addProject,
  findProject,
  readProjects,
  removeProject,
  takenUpKernen,
  type ProjectInput,
} from '../../src/model/inspiration';
import { readKernagenda } from '../../src/model/kernagenda';
import { limits, validatePointInput } from '../../src/model/point';
import {
  pointForProject,
  pointFromProject,
  projectOfPoint,
  takeOver,
} from '../../src/model/takeOver';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

const committee = (kern: string, now = '2026-04-01T19:00:00.000Z', actor = 'Els') =>
  ({ actor, now, config, kern }) as CommitteeContext;

const playground: ProjectInput = {
  kern: 'beesd',
  title: 'Speeltuin bij de school',
  theme: 'sport-cultuur-en-recreatie',
  description: 'Een speeltuin voor kinderen tot 12 jaar.',
  status: 'gerealiseerd',
  realisedIn: 2025,
  costCents: 180000,
  funding: {
    budgetCents: 150000,
    ownMoneyCents: 10000,
    volunteerHours: 40,
    otherFunds: [{ name: 'Oranjefonds', cents: 20000 }],
  },
  needs: [
    { kind: 'vergunning', text: 'Omgevingsvergunning voor het hek' },
    { kind: 'vrijwilligers', text: 'Acht ouders voor de bouwdag' },
    { kind: 'onderhoud', text: 'Jaarlijkse keuring door de gemeente' },
  ],
  lessons: 'Vraag de buren vroeg om hun mening.',
  contact: { name: 'Jan de Vries', reach: '06-12345678' },
};

function plein() {
  const doc = new Y.Doc();
  const id = addProject(doc, playground, committee('beesd', '2026-01-10T10:00:00.000Z', 'Piet'));
  return { doc, id };
}

function expectRefused(fn: () => unknown, fieldErrors: Record<string, string>) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual(fieldErrors);
    return;
  }
  throw new Error('expected a ValidationError');
}

const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');

describe('a point prefilled from a project', () => {
  it('has the title, theme, a description with the checklist, and the link', () => {
    const { doc, id } = plein();
    const template = pointFromProject(findProject(doc, id)!, config);
    expect(template).toEqual({
      title: 'Speeltuin bij de school',
      theme: 'sport-cultuur-en-recreatie',
      owner: 'inwoners',
      status: 'idee',
      budget: null,
      source: { kern: 'beesd', projectId: id },
      costEstimateCents: 180000,
      description: [
        'Overgenomen van Beesd: Speeltuin bij de school (gerealiseerd in 2025).',
        'Een speeltuin voor kinderen tot 12 jaar.',
        'Kosten in Beesd: € 1.800. Betaald met: € 1.500 uit het kernagendabudget, € 100 eigen geld, 40 uur vrijwilligerswerk, € 200 van Oranjefonds.',
        [
          'Wat er nodig was:',
          '- Vergunning: Omgevingsvergunning voor het hek',
          '- Vrijwilligers: Acht ouders voor de bouwdag',
          '- Onderhoud daarna: Jaarlijkse keuring door de gemeente',
        ].join('\n'),
        'Lessen uit Beesd: Vraag de buren vroeg om hun mening.',
        'Contact in Beesd: Jan de Vries, 06-12345678',
      ].join('\n\n'),
    });
    expect(validatePointInput(template, config)).toEqual({});
  });

  it('asks money only when a year is given: the budget part, at most the maximum', () => {
    const { doc, id } = plein();
    const project = findProject(doc, id)!;
    expect(pointFromProject(project, config, { year: 2027 }).budget).toEqual({
      year: 2027,
      amountCents: 150000,
      kind: 'nieuw',
    });
    const big = addProject(
      doc,
      { ...playground, costCents: 900000, funding: { budgetCents: 500000 } },
      committee('beesd'),
    );
    expect(pointFromProject(findProject(doc, big)!, config, { year: 2027 }).budget).toEqual({
      year: 2027,
      amountCents: config.budget.maxPerInitiativeCents,
      kind: 'nieuw',
    });
  });

  it('stays within the description limit, keeping the checklist and the contact', () => {
    const { doc } = plein();
    const long = addProject(
      doc,
      {
        ...playground,
        description: 'Lang verhaal. '.repeat(280),
        lessons: 'Veel geleerd. '.repeat(140),
      },
      committee('beesd'),
    );
    const { description } = pointFromProject(findProject(doc, long)!, config);
    expect(description!.length).toBeLessThanOrEqual(limits.description);
    expect(description).toContain('- Onderhoud daarna: Jaarlijkse keuring door de gemeente');
    expect(description).toContain('Contact in Beesd: Jan de Vries, 06-12345678');
    expect(description).toContain('Lessen uit Beesd: Veel geleerd.');
    expect(description).toContain('…');
  });
});

describe('taking a project over', () => {
  it('adds the linked point to the own kernagenda and records it on the plein', () => {
    const { doc: pleinDoc, id } = plein();
    const agenda = new Y.Doc();
    const agendaOrigins: unknown[] = [];
    const pleinOrigins: unknown[] = [];
    agenda.on('update', (_u: Uint8Array, o: unknown) => agendaOrigins.push(o));
    pleinDoc.on('update', (_u: Uint8Array, o: unknown) => pleinOrigins.push(o));
    const origin = { local: true };
    const pointId = takeOver(agenda, pleinDoc, id, { ...committee('heukelum'), origin });
    expect(agendaOrigins).toEqual([origin]);
    expect(pleinOrigins).toEqual([origin]);
    const point = readKernagenda(agenda).points[0]!;
    expect(point).toMatchObject({ id: pointId, title: 'Speeltuin bij de school', status: 'idee' });
    expect(point.description).toContain('- Vergunning: Omgevingsvergunning voor het hek');
    expect(projectOfPoint(agenda, pointId)).toEqual({ kern: 'beesd', projectId: id });
    expect(findProject(pleinDoc, id)!.takenUpBy).toEqual({
      heukelum: { pointId, at: '2026-04-01T19:00:00.000Z', by: 'Els' },
    });
  });

  it('takes overrides, such as a budget request', () => {
    const { doc: pleinDoc, id } = plein();
    const agenda = new Y.Doc();
    takeOver(agenda, pleinDoc, id, committee('heukelum'), {
      budget: { year: 2026, amountCents: 120000, kind: 'nieuw' },
    });
    expect(readKernagenda(agenda).points[0]!.budget).toMatchObject({ amountCents: 120000 });
  });

  it('is idempotent per kern: a retry after the plein write was lost makes no second point', () => {
    const { doc: pleinDoc, id } = plein();
    const agenda = new Y.Doc();
    // The first attempt reached the kernagenda, but its plein write never got anywhere.
    const lost = fork(pleinDoc);
    const first = takeOver(agenda, lost, id, committee('heukelum'));
    expect(findProject(pleinDoc, id)!.takenUpBy).toEqual({});
    const retry = takeOver(agenda, pleinDoc, id, committee('heukelum', '2026-04-02T08:00:00.000Z'));
    expect(retry).toBe(first);
    expect(readKernagenda(agenda).points).toHaveLength(1);
    expect(findProject(pleinDoc, id)!.takenUpBy.heukelum?.pointId).toBe(first);
    // And once more: nothing changes at all.
    let updates = 0;
    agenda.on('update', () => updates++);
    pleinDoc.on('update', () => updates++);
    expect(takeOver(agenda, pleinDoc, id, committee('heukelum'))).toBe(first);
    expect(updates).toBe(0);
  });

  it('keeps the take-overs of two kernen made offline at the same time', () => {
    const { doc: base, id } = plein();
    const atHeukelum = fork(base);
    const atAsperen = fork(base);
    const heukelumPoint = takeOver(new Y.Doc(), atHeukelum, id, committee('heukelum'));
    const asperenPoint = takeOver(
      new Y.Doc(),
      atAsperen,
      id,
      committee('asperen', '2026-04-01T19:05:00.000Z', 'Ruud'),
    );
    sync(atHeukelum, atAsperen);
    sync(base, atHeukelum);
    for (const doc of [base, atHeukelum, atAsperen]) {
      const project = readProjects(doc)[0]!;
      expect(project.takenUpBy).toEqual({
        heukelum: { pointId: heukelumPoint, at: '2026-04-01T19:00:00.000Z', by: 'Els' },
        asperen: { pointId: asperenPoint, at: '2026-04-01T19:05:00.000Z', by: 'Ruud' },
      });
      expect(takenUpKernen(project)).toEqual(['heukelum', 'asperen']);
    }
  });

  it('refuses a project of the own kernagenda, an unknown or removed one; writes nothing', () => {
    const { doc: pleinDoc, id } = plein();
    const varik = addProject(pleinDoc, { ...playground, kern: 'varik' }, committee('varik'));
    const agenda = new Y.Doc();
    const before = [state(agenda), state(pleinDoc)];
    expectRefused(() => takeOver(agenda, pleinDoc, id, committee('beesd')), {
      project: 'Dit is een project van je eigen kern.',
    });
    // Heesselt shares Varik's kernagenda.
    expectRefused(() => takeOver(agenda, pleinDoc, varik, committee('heesselt')), {
      project: 'Dit is een project van je eigen kern.',
    });
    expectRefused(() => takeOver(agenda, pleinDoc, 'onbekend', committee('heukelum')), {
      project: 'Dit project bestaat niet (meer).',
    });
    expectRefused(() => takeOver(agenda, pleinDoc, id, committee('atlantis')), {
      kern: 'Deze kern kennen we niet.',
    });
    expectRefused(() => takeOver(agenda, pleinDoc, id, committee('heukelum'), { title: '' }), {
      title: 'Vul een titel in.',
    });
    expect([state(agenda), state(pleinDoc)]).toEqual(before);
    removeProject(pleinDoc, id, committee('beesd'));
    expectRefused(() => takeOver(agenda, pleinDoc, id, committee('heukelum')), {
      project: 'Dit project bestaat niet (meer).',
    });
    expect(pointForProject(agenda, id)).toBeNull();
  });
});
