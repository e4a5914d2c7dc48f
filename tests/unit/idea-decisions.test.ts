/**
 * The committee's decisions about ideas (src/model/ideaDecisions.ts), kept in the kernagenda
 * document: taken into the kernagenda (linked both ways), hidden with a reason, restored.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EditContext } from '../../src/model/agendaDoc';
import {
  hideIdea,
  ideaOfPoint,
  linkIdeaToPoint,
  readIdeaDecisions,
  restoreIdea,
  takeIdeaIntoAgenda,
  withDecisions,
} from '../../src/model/ideaDecisions';
import { addIdea, readIdeas } from '../../src/model/ideas';
import { addPoint, deletePoint, readKernagenda } from '../../src/model/kernagenda';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork } from './support/replicas';

const committee = (actor: string, now = '2026-05-01T19:00:00.000Z'): EditContext => ({
  actor,
  now,
  config,
});
const ans = {
  id: 'ans',
  name: 'Ans',
  role: 'bewoner',
  now: '2026-04-01T09:00:00.000Z',
  config,
} as const;

function setup() {
  const ideas = new Y.Doc();
  const bench = addIdea(
    ideas,
    {
      title: 'Bankje bij de kerk',
      text: 'Om uit te rusten.',
      category: 'voorzieningen',
      costCents: 90000,
    },
    ans,
  );
  const later = { ...ans, now: '2026-04-02T09:00:00.000Z' };
  const rude = addIdea(ideas, { title: 'Iets onaardigs', category: 'economie' }, later);
  return { ideas, bench, rude, agenda: new Y.Doc() };
}

describe('taking an idea into the kernagenda', () => {
  it('makes a point from the idea in one update and links both ways', () => {
    const { ideas, bench, agenda } = setup();
    const idea = readIdeas(ideas).find((i) => i.id === bench)!;
    let updates = 0;
    agenda.on('update', () => updates++);
    const pointId = takeIdeaIntoAgenda(agenda, { idea, kern: 'beesd' }, committee('Piet'));
    expect(updates).toBe(1);
    expect(readKernagenda(agenda).points[0]).toMatchObject({
      id: pointId,
      title: 'Bankje bij de kerk',
      description: 'Om uit te rusten.',
      theme: 'voorzieningen',
      owner: 'inwoners',
      status: 'idee',
      budget: null,
    });
    expect(ideaOfPoint(agenda, pointId)).toBe(bench);
    expect(readIdeaDecisions(agenda)).toEqual({
      [bench]: {
        ideaId: bench,
        kern: 'beesd',
        taken: { pointId, at: '2026-05-01T19:00:00.000Z', by: 'Piet' },
        hidden: null,
      },
    });
    expect(() => takeIdeaIntoAgenda(agenda, { idea, kern: 'beesd' }, committee('Piet'))).toThrow(
      ValidationError,
    );
  });

  it('links an existing point; a deleted point frees the idea again', () => {
    const { bench, agenda } = setup();
    const pointId = addPoint(
      agenda,
      { title: 'Rustplekken', theme: 'voorzieningen', owner: 'samen', status: 'idee' },
      committee('Piet'),
    );
    linkIdeaToPoint(agenda, { ideaId: bench, kern: 'beesd' }, pointId, committee('Piet'));
    expect(readIdeaDecisions(agenda)[bench]!.taken?.pointId).toBe(pointId);
    expect(ideaOfPoint(agenda, pointId)).toBe(bench);
    deletePoint(agenda, pointId, committee('Piet'));
    expect(readIdeaDecisions(agenda)[bench]!.taken).toBeNull();
    expect(() =>
      linkIdeaToPoint(agenda, { ideaId: bench, kern: 'beesd' }, pointId, committee('Piet')),
    ).toThrow(ValidationError);
    expect(() =>
      linkIdeaToPoint(agenda, { ideaId: bench, kern: 'atlantis' }, 'x', committee('Piet')),
    ).toThrow(ValidationError);
  });
});

describe('hiding and restoring', () => {
  it('hides with a reason, not deleted, and restores', () => {
    const { ideas, rude, bench, agenda } = setup();
    expect(() =>
      hideIdea(agenda, { ideaId: rude, kern: 'beesd' }, '  ', committee('Piet')),
    ).toThrow(ValidationError);
    hideIdea(
      agenda,
      { ideaId: rude, kern: 'beesd' },
      ' Past niet bij de regels ',
      committee('Piet'),
    );
    const decisions = readIdeaDecisions(agenda, 'beesd');
    expect(decisions[rude]!.hidden).toEqual({
      reason: 'Past niet bij de regels',
      at: '2026-05-01T19:00:00.000Z',
      by: 'Piet',
    });
    expect(readIdeaDecisions(agenda, 'heukelum')).toEqual({});
    const board = readIdeas(ideas);
    expect(withDecisions(board, decisions).map((i) => i.id)).toEqual([bench]);
    const all = withDecisions(board, decisions, { showHidden: true });
    expect(all.map((i) => [i.id, i.hidden?.reason ?? null])).toEqual([
      [rude, 'Past niet bij de regels'],
      [bench, null],
    ]);
    // The idea itself is untouched on the residents' board.
    expect(readIdeas(ideas).map((i) => i.id)).toContain(rude);
    restoreIdea(agenda, rude, committee('Piet'));
    expect(readIdeaDecisions(agenda)[rude]).toBeUndefined();
    expect(withDecisions(readIdeas(ideas), readIdeaDecisions(agenda))).toHaveLength(2);
  });

  it('two committee devices offline: one hides, the other takes it in; both decisions stay', () => {
    const { ideas, bench, agenda } = setup();
    const laptop = fork(agenda);
    const phone = fork(agenda);
    const idea = readIdeas(ideas).find((i) => i.id === bench)!;
    const pointId = takeIdeaIntoAgenda(laptop, { idea, kern: 'beesd' }, committee('Piet'));
    hideIdea(phone, { ideaId: bench, kern: 'beesd' }, 'Dubbel', committee('Els'));
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
    for (const doc of [laptop, phone])
      expect(readIdeaDecisions(doc)[bench]).toMatchObject({
        taken: { pointId },
        hidden: { reason: 'Dubbel', by: 'Els' },
      });
  });
});
