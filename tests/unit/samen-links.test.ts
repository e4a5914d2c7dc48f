/**
 * A kernagenda's record of the joint projects its kern takes part in (src/model/samenLinks.ts):
 * starting and joining write the joint project and the own kernagenda, once; records of two
 * devices merge into one; bad ids and unreadable entries are refused or left out; the record
 * holds no money, so a kern's budget counts its share from the joint project only.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommitteeContext } from '../../src/model/committee';
import { readKernagenda } from '../../src/model/kernagenda';
import {
  budgetFiguresWithJoint,
  jointShares,
  newSamenId,
  readSamen,
  setContribution,
} from '../../src/model/samen';
import { readSamenLinks, recordSamen, startSamen, takePart } from '../../src/model/samenLinks';
import { createUndo } from '../../src/model/undo';
import { addPoint } from '../../src/model/kernagenda';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

const as = (kern: string, now = '2026-03-01T19:00:00.000Z', actor = 'Els') =>
  ({ actor, now, config, kern }) as CommitteeContext;

const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');

describe('the joint projects of a kernagenda', () => {
  it('are recorded by starting and joining, each in the own kernagenda, once', () => {
    const id = newSamenId();
    const samen = new Y.Doc();
    const beesd = new Y.Doc();
    const heukelum = new Y.Doc();
    startSamen(samen, beesd, id, { title: "AED's voor de dorpen" }, as('beesd'));
    expect(readSamen(samen, id)).toMatchObject({ title: "AED's voor de dorpen", kern: 'beesd' });
    expect(readSamenLinks(beesd, config)).toEqual([
      { id, kern: 'beesd', at: '2026-03-01T19:00:00.000Z', by: 'Els' },
    ]);
    expect(readSamenLinks(heukelum, config)).toEqual([]);

    const ruud = as('heukelum', '2026-03-02T10:00:00.000Z', 'Ruud');
    takePart(samen, heukelum, id, ruud);
    const before = state(heukelum);
    takePart(samen, heukelum, id, as('heukelum', '2026-03-09T10:00:00.000Z', 'Piet'));
    expect(state(heukelum)).toBe(before);
    expect(Object.keys(readSamen(samen, id)!.participants)).toEqual(['beesd', 'heukelum']);
    expect(readSamenLinks(heukelum, config)).toEqual([
      { id, kern: 'heukelum', at: '2026-03-02T10:00:00.000Z', by: 'Ruud' },
    ]);
    // The kernagenda itself is unchanged by it.
    expect(readKernagenda(heukelum).points).toEqual([]);
  });

  it('writes the record again when only the joint project was written', () => {
    const id = newSamenId();
    const samen = new Y.Doc();
    startSamen(samen, new Y.Doc(), id, { title: 'Speelroute' }, as('beesd'));
    const heukelum = new Y.Doc();
    // Joined, but the app closed before the kernagenda was written: a retry records it.
    takePart(samen, new Y.Doc(), id, as('heukelum'));
    takePart(samen, heukelum, id, as('heukelum'));
    expect(readSamenLinks(heukelum, config).map((l) => l.id)).toEqual([id]);
  });

  it('refuses a bad id or an unknown kern, in Dutch and without writing', () => {
    const samen = new Y.Doc();
    const agenda = new Y.Doc();
    const before = [state(samen), state(agenda)];
    for (const id of ['', 'a/b', 'x'])
      expect(() => startSamen(samen, agenda, id, { title: 'Iets' }, as('beesd'))).toThrow(
        ValidationError,
      );
    expect(() => recordSamen(agenda, 'goed-id-1', as('atlantis'))).toThrow(ValidationError);
    expect(() => startSamen(samen, agenda, 'goed-id-1', { title: ' ' }, as('beesd'))).toThrow(
      'Vul een titel in.',
    );
    expect([state(samen), state(agenda)]).toEqual(before);
  });

  it('merges what two devices record offline into one entry per project', () => {
    const base = new Y.Doc();
    const a = fork(base);
    const b = fork(base);
    recordSamen(a, 'project-1', as('varik', '2026-03-01T10:00:00.000Z', 'Anna'));
    recordSamen(b, 'project-1', as('heesselt', '2026-03-01T11:00:00.000Z', 'Bram'));
    recordSamen(b, 'project-2', as('heesselt', '2026-02-01T11:00:00.000Z', 'Bram'));
    sync(a, b);
    const links = readSamenLinks(a, config);
    expect(links).toEqual(readSamenLinks(b, config));
    expect(links.map((l) => l.id)).toEqual(['project-2', 'project-1']);
  });

  it('leaves out entries that do not read', () => {
    const agenda = new Y.Doc();
    const map = agenda.getMap<unknown>('samen');
    map.set('ok-project', { kern: 'beesd', at: '2026-03-01T10:00:00.000Z', by: 'Els' });
    map.set('no-kern', { kern: 'atlantis', at: '2026-03-01T10:00:00.000Z' });
    map.set('no-time', { kern: 'beesd', at: 'gisteren' });
    map.set('bad/id', { kern: 'beesd', at: '2026-03-01T10:00:00.000Z' });
    map.set('not-an-object', 7);
    expect(readSamenLinks(agenda, config)).toEqual([
      { id: 'ok-project', kern: 'beesd', at: '2026-03-01T10:00:00.000Z', by: 'Els' },
    ]);
  });

  it('is not undone with the kernagenda’s points', () => {
    const agenda = new Y.Doc();
    const origin = { who: 'Els' };
    const undo = createUndo(agenda, origin);
    addPoint(
      agenda,
      { title: 'Bankje', theme: 'economie', owner: 'inwoners', status: 'idee' },
      { ...as('beesd'), origin },
    );
    recordSamen(agenda, 'project-1', { ...as('beesd'), origin });
    undo.undo();
    expect(readKernagenda(agenda).points).toEqual([]);
    expect(readSamenLinks(agenda, config).map((l) => l.id)).toEqual(['project-1']);
  });

  it('opens the projects whose shares count in the kern’s budget, once', () => {
    const id = newSamenId();
    const samen = new Y.Doc();
    const beesd = new Y.Doc();
    startSamen(samen, beesd, id, { title: 'AED' }, as('beesd'));
    setContribution(samen, 2026, 120000, as('beesd'));
    // Recorded twice (two devices), opened as one project.
    recordSamen(beesd, id, as('beesd'));
    const projects = readSamenLinks(beesd, config).map((l) => readSamen(samen, l.id)!);
    const shares = jointShares(projects, 'beesd', 2026, config);
    const figures = budgetFiguresWithJoint(readKernagenda(beesd), config, 2026, 1, shares);
    expect(figures).toMatchObject({ jointCents: 120000, requestedCents: 120000 });
  });
});
