/**
 * The inspiratieplein (src/model/inspiration.ts): publishing a realised kernagendapunt with
 * its figures filled in, adding and updating projects, browsing by theme and kern, sorting,
 * removal, read-time defaults, and refusals with Dutch messages that write nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EditContext } from '../../src/model/agendaDoc';
import {
  addProject,
  findProject,
  projectForPoint,
  projectsOf,
  publishFromPoint,
  readProjects,
  removeProject,
  updateProject,
  type ProjectInput,
} from '../../src/model/inspiration';
import { addPoint, readKernagenda, updatePoint } from '../../src/model/kernagenda';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';

const ctx = (now = '2026-03-01T10:00:00.000Z', actor = 'Piet'): EditContext => ({
  actor,
  now,
  config,
});

/** Beesd's kernagenda with a playground realised on 14 June 2025. */
function beesdAgenda() {
  const agenda = new Y.Doc();
  const id = addPoint(
    agenda,
    {
      title: 'Speeltuin bij de school',
      description: 'Een speeltuin voor kinderen tot 12 jaar.',
      theme: 'sport-cultuur-en-recreatie',
      owner: 'inwoners',
      status: 'in-uitvoering',
      contact: 'Jan de Vries',
      budget: { year: 2025, amountCents: 150000, kind: 'nieuw' },
    },
    ctx('2025-02-01T10:00:00.000Z'),
  );
  updatePoint(agenda, id, { status: 'gerealiseerd' }, ctx('2025-06-14T10:00:00.000Z'));
  // A later edit of another field: the year comes from the status change, not this.
  updatePoint(agenda, id, { contact: 'Jan de Vries' + ' ' }, ctx('2026-01-10T10:00:00.000Z'));
  return { agenda, id };
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

const input = (over: Partial<ProjectInput> = {}): ProjectInput => ({
  kern: 'asperen',
  title: 'Jeu-de-boulesbaan',
  theme: 'sport-cultuur-en-recreatie',
  status: 'gepland',
  ...over,
});

describe('publishing a kernagendapunt to the plein', () => {
  it('fills the project in from the realised point, in one update with the origin', () => {
    const { agenda, id } = beesdAgenda();
    const plein = new Y.Doc();
    const origins: unknown[] = [];
    plein.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const origin = { local: true };
    const projectId = publishFromPoint(
      plein,
      { kern: 'beesd', agenda, pointId: id },
      {},
      { ...ctx('2026-03-01T10:00:00.000Z', 'Anna'), origin },
    );
    expect(origins).toEqual([origin]);
    expect(projectId).toBe(`punt-${id}`);
    expect(findProject(plein, projectId)).toEqual({
      id: projectId,
      kern: 'beesd',
      title: 'Speeltuin bij de school',
      theme: 'sport-cultuur-en-recreatie',
      description: 'Een speeltuin voor kinderen tot 12 jaar.',
      status: 'gerealiseerd',
      realisedIn: 2025,
      costCents: 150000,
      funding: { budgetCents: 150000, ownMoneyCents: 0, volunteerHours: 0, otherFunds: [] },
      needs: [],
      lessons: '',
      contact: { name: 'Jan de Vries', reach: '' },
      source: { kern: 'beesd', pointId: id },
      takenUpBy: {},
      createdAt: '2026-03-01T10:00:00.000Z',
      createdBy: 'Anna',
      updatedAt: '2026-03-01T10:00:00.000Z',
      updatedBy: 'Anna',
    });
    expect(Object.isFrozen(findProject(plein, projectId)!.funding)).toBe(true);
    expect(projectForPoint(plein, id)?.id).toBe(projectId);
  });

  it('takes the extra input: what was needed, lessons, contact, funding field by field', () => {
    const { agenda, id } = beesdAgenda();
    const point = readKernagenda(agenda).points.find((p) => p.id === id)!;
    const plein = new Y.Doc();
    const projectId = publishFromPoint(
      plein,
      { kern: 'beesd', point, realisedAt: '2025-06-14T10:00:00.000Z' },
      {
        costCents: 210000,
        funding: {
          ownMoneyCents: 30000,
          volunteerHours: 120,
          otherFunds: [{ name: ' Oranjefonds ', cents: 30000 }],
        },
        needs: [
          { kind: 'vergunning', text: 'Omgevingsvergunning voor het hek' },
          { kind: 'onderhoud', text: ' Jaarlijkse keuring ' },
        ],
        lessons: 'Vraag de buren vroeg.',
        contact: { reach: 'speeltuin@beesd.example' },
      },
      ctx(),
    );
    expect(findProject(plein, projectId)).toMatchObject({
      realisedIn: 2025,
      costCents: 210000,
      funding: {
        budgetCents: 150000,
        ownMoneyCents: 30000,
        volunteerHours: 120,
        otherFunds: [{ name: 'Oranjefonds', cents: 30000 }],
      },
      needs: [
        { kind: 'vergunning', text: 'Omgevingsvergunning voor het hek' },
        { kind: 'onderhoud', text: 'Jaarlijkse keuring' },
      ],
      lessons: 'Vraag de buren vroeg.',
      contact: { name: 'Jan de Vries', reach: 'speeltuin@beesd.example' },
    });
  });

  it('shares a point that is not finished yet as a planned project, without a year', () => {
    const agenda = new Y.Doc();
    const id = addPoint(
      agenda,
      { title: 'AED bij de kerk', theme: 'veiligheid', owner: 'samen', status: 'idee' },
      ctx(),
    );
    const plein = new Y.Doc();
    const projectId = publishFromPoint(plein, { kern: 'beesd', agenda, pointId: id }, {}, ctx());
    expect(findProject(plein, projectId)).toMatchObject({
      status: 'gepland',
      realisedIn: null,
      costCents: null,
      funding: { budgetCents: 0 },
    });
  });

  it('refuses a point that did not succeed, one already shared, and an unknown point', () => {
    const { agenda, id } = beesdAgenda();
    const plein = new Y.Doc();
    publishFromPoint(plein, { kern: 'beesd', agenda, pointId: id }, {}, ctx());
    const before = state(plein);
    expectRefused(
      () => publishFromPoint(plein, { kern: 'beesd', agenda, pointId: id }, {}, ctx()),
      {
        point: 'Dit punt staat al op het inspiratieplein.',
      },
    );
    expectRefused(
      () => publishFromPoint(plein, { kern: 'beesd', agenda, pointId: 'nietbestaand' }, {}, ctx()),
      { point: 'Dit punt bestaat niet (meer).' },
    );
    updatePoint(agenda, id, { status: 'lukt-niet' }, ctx());
    const failed = readKernagenda(agenda).points[0]!;
    expectRefused(
      () => publishFromPoint(new Y.Doc(), { kern: 'beesd', point: failed }, {}, ctx()),
      {
        point: 'Dit punt is niet gelukt. Deel alleen een gepland of gerealiseerd punt.',
      },
    );
    expect(state(plein)).toBe(before);
  });

  it('refuses money that adds up to more than the cost, and writes nothing', () => {
    const { agenda, id } = beesdAgenda();
    const plein = new Y.Doc();
    expectRefused(
      () =>
        publishFromPoint(
          plein,
          { kern: 'beesd', agenda, pointId: id },
          { funding: { ownMoneyCents: 10000 } },
          ctx(),
        ),
      { funding: 'De bijdragen in geld zijn samen meer dan de kosten.' },
    );
    expect(projectsOf(plein).size).toBe(0);
  });

  it('publishes a removed project again', () => {
    const { agenda, id } = beesdAgenda();
    const plein = new Y.Doc();
    const projectId = publishFromPoint(plein, { kern: 'beesd', agenda, pointId: id }, {}, ctx());
    removeProject(plein, projectId, ctx());
    expect(readProjects(plein)).toEqual([]);
    expect(projectForPoint(plein, id)).toBeNull();
    publishFromPoint(plein, { kern: 'beesd', agenda, pointId: id }, { lessons: 'Nieuw' }, ctx());
    expect(readProjects(plein).map((p) => p.lessons)).toEqual(['Nieuw']);
  });
});

describe('adding and updating a project', () => {
  it('refuses bad input field by field in Dutch, writing nothing', () => {
    const plein = new Y.Doc();
    expectRefused(
      () =>
        addProject(
          plein,
          {
            kern: 'atlantis',
            title: ' ',
            theme: 'ruimtevaart',
            status: 'gerealiseerd',
            costCents: 12.5,
            funding: { volunteerHours: -1, otherFunds: [{ name: '', cents: 100 }] },
            needs: [{ kind: 'toverstaf' as never, text: 'x' }],
            contact: { name: 'x'.repeat(101) },
          },
          ctx(),
        ),
      {
        kern: 'Deze kern kennen we niet.',
        title: 'Vul een titel in.',
        theme: 'Kies een thema uit de lijst.',
        realisedIn: 'Vul het jaar in waarin het project klaar was.',
        cost: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
        volunteerHours: 'Vul de vrijwilligersuren in als een heel getal: 0 of meer.',
        otherFunds: 'Geef elk ander fonds een naam (ten hoogste 80 tekens) en een geldig bedrag.',
        needs:
          'Kies bij alles wat nodig was een soort, en schrijf het op in ten hoogste 200 tekens.',
        contactName: 'Maak de naam van de contactpersoon korter: ten hoogste 100 tekens.',
      },
    );
    expect(projectsOf(plein).size).toBe(0);
  });

  it('changes only what differs, and judges only the fields it changes', () => {
    const plein = new Y.Doc();
    const id = addProject(plein, input({ costCents: 80000 }), ctx());
    // The configuration dropped the stored theme since: other fields can still change.
    (projectsOf(plein).get(id) as Y.Map<unknown>).set('theme', 'oud-thema');
    let updates = 0;
    plein.on('update', () => updates++);
    updateProject(plein, id, { title: 'Jeu-de-boulesbaan' }, ctx());
    expect(updates).toBe(0);
    updateProject(
      plein,
      id,
      { status: 'gerealiseerd', realisedIn: 2026, funding: { budgetCents: 50000 } },
      ctx('2026-09-01T10:00:00.000Z', 'Kees'),
    );
    expect(updates).toBe(1);
    expect(findProject(plein, id)).toMatchObject({
      theme: 'oud-thema',
      status: 'gerealiseerd',
      realisedIn: 2026,
      funding: { budgetCents: 50000 },
      updatedBy: 'Kees',
    });
    expectRefused(() => updateProject(plein, id, { costCents: 40000 }, ctx()), {
      funding: 'De bijdragen in geld zijn samen meer dan de kosten.',
    });
    expectRefused(() => updateProject(plein, id, { theme: 'nog-ouder' }, ctx()), {
      theme: 'Kies een thema uit de lijst.',
    });
    // Back to planned: the year goes, it only belongs to a realised project.
    updateProject(plein, id, { status: 'gepland' }, ctx());
    expect(findProject(plein, id)?.realisedIn).toBeNull();
    expect((projectsOf(plein).get(id) as Y.Map<unknown>).has('realisedIn')).toBe(false);
    expectRefused(() => updateProject(plein, 'weg', { title: 'x' }, ctx()), {
      project: 'Dit project bestaat niet (meer).',
    });
  });

  it('two devices editing different fields of a project offline keep both edits', () => {
    const a = new Y.Doc();
    const id = addProject(a, input(), ctx());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateProject(a, id, { lessons: 'Begin klein.' }, ctx());
    updateProject(b, id, { costCents: 95000 }, ctx());
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(findProject(a, id)).toEqual(findProject(b, id));
    expect(findProject(a, id)).toMatchObject({ lessons: 'Begin klein.', costCents: 95000 });
  });

  it('reads defaults for values it does not know (a newer version wrote them)', () => {
    const plein = new Y.Doc();
    const map = new Y.Map<unknown>();
    projectsOf(plein).set('nieuwer', map);
    map.set('kern', 'beesd');
    map.set('title', 'Dorpsfeest');
    map.set('status', 'gepauzeerd');
    map.set('realisedIn', 2024);
    map.set('costCents', -5);
    map.set('needs', [{ kind: 'drone', text: 'Luchtfoto' }, 'rommel', { kind: 'materiaal' }]);
    map.set('otherFunds', 'geen lijst');
    map.set('priority', 'hoog');
    expect(findProject(plein, 'nieuwer')).toMatchObject({
      status: 'gepland',
      realisedIn: null,
      costCents: null,
      needs: [{ kind: 'anders', text: 'Luchtfoto' }],
      funding: { otherFunds: [] },
    });
    updateProject(plein, 'nieuwer', { lessons: 'Op tijd beginnen.' }, ctx());
    expect(map.get('priority')).toBe('hoog');
  });
});

describe('browsing the plein', () => {
  it('filters by theme and kern, sorts newest first or cheapest first', () => {
    const plein = new Y.Doc();
    const bench = addProject(
      plein,
      input({ kern: 'beesd', title: 'Bankjes', theme: 'voorzieningen', costCents: 90000 }),
      ctx('2026-01-01T10:00:00.000Z'),
    );
    const boules = addProject(plein, input({ costCents: 250000 }), ctx('2026-02-01T10:00:00.000Z'));
    const unknown = addProject(
      plein,
      input({ title: 'Moestuin' }),
      ctx('2026-03-01T10:00:00.000Z'),
    );
    const ids = (list: readonly { id: string }[]) => list.map((p) => p.id);
    expect(ids(readProjects(plein))).toEqual([unknown, boules, bench]);
    expect(ids(readProjects(plein, { sort: 'kosten' }))).toEqual([bench, boules, unknown]);
    expect(ids(readProjects(plein, { theme: 'voorzieningen' }))).toEqual([bench]);
    expect(ids(readProjects(plein, { kern: 'asperen', sort: 'kosten' }))).toEqual([
      boules,
      unknown,
    ]);
    expect(Object.isFrozen(readProjects(plein))).toBe(true);
  });
});
