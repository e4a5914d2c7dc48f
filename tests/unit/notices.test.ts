/** Gemeente berichten (src/model/notices.ts): writing notices, and who sees what, when. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WriterContext } from '../../src/model/boardEntry';
import {
  addNotice,
  amsterdamDate,
  answerQuestion,
  endNotice,
  noticesFor,
  readAnswers,
  readNotices,
  updateNotice,
  withdrawNotice,
  type NoticeInput,
} from '../../src/model/notices';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';

const gemeente = (now = '2026-04-01T09:00:00.000Z'): WriterContext => ({
  id: 'gem-1',
  name: 'Gemeente West Betuwe',
  role: 'gemeente',
  now,
  config,
});
const works = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  kind: 'werkzaamheden',
  title: 'Nieuw riool in de Hoogstraat',
  text: 'De straat ligt open.',
  kernen: ['beesd'],
  from: '2026-04-01',
  until: '2026-04-30',
  place: 'Hoogstraat',
  link: 'https://www.westbetuwe.nl/werkzaamheden',
  ...over,
});

function refusal(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return { ...(e as ValidationError).fieldErrors };
  }
  throw new Error('expected a ValidationError');
}

describe('writing notices', () => {
  it('stores a notice and reads it back frozen', () => {
    const doc = new Y.Doc();
    const id = addNotice(
      doc,
      works({ title: '  Riool  ', kernen: ['beesd', 'beesd'] }),
      gemeente(),
    );
    const [notice] = readNotices(doc);
    expect(notice).toEqual({
      id,
      kind: 'werkzaamheden',
      title: 'Riool',
      text: 'De straat ligt open.',
      kernen: ['beesd'],
      from: '2026-04-01',
      until: '2026-04-30',
      place: 'Hoogstraat',
      link: 'https://www.westbetuwe.nl/werkzaamheden',
      createdAt: '2026-04-01T09:00:00.000Z',
      createdBy: 'Gemeente West Betuwe',
      updatedAt: '2026-04-01T09:00:00.000Z',
      updatedBy: 'Gemeente West Betuwe',
      endedAt: null,
      withdrawnAt: null,
    });
    expect(Object.isFrozen(notice)).toBe(true);
  });

  it('refuses bad input in Dutch, per field', () => {
    const doc = new Y.Doc();
    const bad = {
      kind: 'storing',
      title: '',
      kernen: ['beesd', 'atlantis'],
      from: '2026-02-30',
      until: 'morgen',
      link: 'http://www.westbetuwe.nl',
    } as unknown as NoticeInput;
    expect(refusal(() => addNotice(doc, bad, gemeente()))).toEqual({
      kind: 'Kies wat voor bericht het is.',
      title: 'Vul een titel in.',
      kernen: 'Deze kern kennen we niet: atlantis.',
      from: 'Vul een geldige begindatum in.',
      until: 'Vul een geldige einddatum in.',
      link: 'Vul een volledig webadres in dat begint met https://.',
    });
    expect(refusal(() => addNotice(doc, works({ kernen: [] }), gemeente()))).toEqual({
      kernen: 'Kies voor welke kernen dit bericht is.',
    });
    expect(
      refusal(() => addNotice(doc, works({ from: '2026-05-01', until: '2026-04-01' }), gemeente())),
    ).toEqual({ until: 'De einddatum ligt voor de begindatum.' });
    for (const link of ['javascript:alert(1)', 'https://localhost', 'https://a:b@x.nl', 'x'])
      expect(refusal(() => addNotice(doc, works({ link }), gemeente()))).toHaveProperty('link');
    expect(readNotices(doc)).toEqual([]);
  });

  it('edits only what changed, ends early, withdraws', () => {
    const doc = new Y.Doc();
    const id = addNotice(doc, works(), gemeente());
    const later = gemeente('2026-04-03T09:00:00.000Z');
    updateNotice(doc, id, { kernen: 'alle', link: null, until: null }, later);
    expect(readNotices(doc)[0]).toMatchObject({
      kernen: 'alle',
      link: null,
      until: null,
      title: 'Nieuw riool in de Hoogstraat',
      updatedAt: later.now,
    });
    let updates = 0;
    doc.on('update', () => updates++);
    updateNotice(doc, id, { kernen: 'alle', title: 'Nieuw riool in de Hoogstraat' }, later);
    expect(updates).toBe(0);
    endNotice(doc, id, later);
    expect(readNotices(doc)[0]!.endedAt).toBe(later.now);
    withdrawNotice(doc, id, later);
    expect(readNotices(doc)[0]!.withdrawnAt).toBe(later.now);
    expect(refusal(() => updateNotice(doc, id, { title: 'Toch' }, later))).toEqual({
      notice: 'Dit bericht is ingetrokken.',
    });
    expect(refusal(() => endNotice(doc, 'onbekend', later))).toEqual({
      notice: 'Dit bericht bestaat niet (meer).',
    });
  });

  it("stores the gemeente's answers to questions", () => {
    const doc = new Y.Doc();
    const id = answerQuestion(doc, 'vraag1', ' Tot eind april. ', gemeente());
    expect(readAnswers(doc)).toEqual([
      {
        id,
        questionId: 'vraag1',
        authorName: 'Gemeente West Betuwe',
        text: 'Tot eind april.',
        createdAt: '2026-04-01T09:00:00.000Z',
      },
    ]);
    expect(refusal(() => answerQuestion(doc, 'vraag1', ' ', gemeente()))).toEqual({
      text: 'Schrijf eerst het antwoord.',
    });
  });
});

describe('noticesFor: who sees what', () => {
  const doc = new Y.Doc();
  let minute = 0;
  const at = (from: string, over: Partial<NoticeInput> = {}) =>
    addNotice(
      doc,
      works({ from, until: null, ...over }),
      gemeente(`2026-03-01T09:${String(minute++).padStart(2, '0')}:00.000Z`),
    );
  const ids = {
    beesdWorks: at('2026-04-01', { until: '2026-04-30' }),
    heukelumWorks: at('2026-04-01', { kernen: ['heukelum'], until: '2026-04-30' }),
    everyone: at('2026-04-05', { kind: 'algemeen', kernen: 'alle' }),
    beesdEvent: at('2026-04-10', { kind: 'evenement', until: '2026-04-10' }),
    beesdClosure: at('2026-03-20', { kind: 'afsluiting', until: '2026-04-12' }),
    both: at('2026-04-20', { kernen: ['beesd', 'heukelum'] }),
    past: at('2026-03-01', { until: '2026-03-31' }),
    ended: at('2026-04-01'),
    withdrawn: at('2026-04-01', { kind: 'algemeen' }),
  };
  endNotice(doc, ids.ended, gemeente());
  withdrawNotice(doc, ids.withdrawn, gemeente());
  const notices = readNotices(doc);
  const idsOf = (list: readonly { id: string }[]) => list.map((n) => n.id);
  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
  const view = (kernen: string[], now: string) => {
    const v = noticesFor(notices, kernen, now);
    return {
      current: idsOf(v.current).map(name),
      coming: idsOf(v.coming).map(name),
      archive: idsOf(v.archive).map(name),
    };
  };

  it('a notice for Beesd never shows for Heukelum; one for all kernen shows everywhere', () => {
    for (const now of [
      '2026-03-15T12:00:00.000Z',
      '2026-04-11T12:00:00.000Z',
      '2027-01-01T12:00:00.000Z',
    ]) {
      const heukelum = view(['heukelum'], now);
      const all = [...heukelum.current, ...heukelum.coming, ...heukelum.archive];
      expect(all.sort()).toEqual(['both', 'everyone', 'heukelumWorks']);
      const deil = view(['deil'], now);
      expect([...deil.current, ...deil.coming, ...deil.archive]).toEqual(['everyone']);
    }
  });

  it('works first while they run; coming soonest first; the rest archived', () => {
    expect(view(['beesd'], '2026-04-11T12:00:00.000Z')).toEqual({
      current: ['beesdWorks', 'beesdClosure', 'everyone'],
      coming: ['both'],
      archive: ['beesdEvent', 'withdrawn', 'ended', 'past'],
    });
    expect(view(['beesd'], '2026-04-02T12:00:00.000Z')).toEqual({
      current: ['beesdWorks', 'beesdClosure'],
      coming: ['everyone', 'beesdEvent', 'both'],
      archive: ['withdrawn', 'ended', 'past'],
    });
    const statuses = noticesFor(notices, ['beesd'], '2026-04-11T12:00:00.000Z').archive.map(
      (n) => n.status,
    );
    expect(statuses).toEqual(['afgelopen', 'ingetrokken', 'beeindigd', 'afgelopen']);
  });

  it('following several kernen shows each notice once', () => {
    const v = view(['beesd', 'heukelum'], '2026-04-02T12:00:00.000Z');
    expect(v.current).toEqual(['heukelumWorks', 'beesdWorks', 'beesdClosure']);
    expect(v.coming).toEqual(['everyone', 'beesdEvent', 'both']);
  });

  it('counts days on the Europe/Amsterdam calendar, the last day inclusive', () => {
    expect(amsterdamDate('2026-04-30T21:59:00.000Z')).toBe('2026-04-30');
    expect(amsterdamDate('2026-04-30T22:01:00.000Z')).toBe('2026-05-01');
    expect(view(['heukelum'], '2026-04-30T21:59:00.000Z').current).toContain('heukelumWorks');
    expect(view(['heukelum'], '2026-04-30T22:01:00.000Z').archive).toContain('heukelumWorks');
    expect(view(['beesd'], '2026-03-31T22:30:00.000Z').current).toContain('beesdWorks');
  });
});
