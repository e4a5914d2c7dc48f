/** Questions under notices (src/model/questions.ts) and the thread with the gemeente's answers. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WriterContext } from '../../src/model/boardEntry';
import { addNotice, answerQuestion } from '../../src/model/notices';
import {
  addQuestion,
  joinThread,
  readQuestions,
  readThread,
  withdrawQuestion,
} from '../../src/model/questions';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

const as = (id: string, now: string, role: WriterContext['role'] = 'bewoner'): WriterContext => ({
  id,
  name: id === 'gem' ? 'Gemeente West Betuwe' : id[0]!.toUpperCase() + id.slice(1),
  role,
  now,
  config,
});
const ans = as('ans', '2026-04-02T08:00:00.000Z');
const bram = as('bram', '2026-04-02T09:00:00.000Z');
const gemeente = as('gem', '2026-04-03T09:00:00.000Z', 'gemeente');

function notices() {
  const doc = new Y.Doc();
  const input = {
    kind: 'werkzaamheden',
    title: 'Riool Hoogstraat',
    kernen: ['beesd'],
    from: '2026-04-01',
    until: '2026-04-30',
  } as const;
  return { doc, a: addNotice(doc, input, gemeente), b: addNotice(doc, input, gemeente) };
}

describe('questions', () => {
  it('lists the questions under one notice, oldest first, without withdrawn ones', () => {
    const { a, b } = notices();
    const doc = new Y.Doc();
    const second = addQuestion(doc, a, ' Hoe lang nog? ', bram);
    const first = addQuestion(doc, a, 'Kan ik erlangs met de fiets?', ans);
    addQuestion(doc, b, 'Andere vraag', ans);
    expect(readQuestions(doc, a)).toEqual([
      {
        id: first,
        noticeId: a,
        authorId: 'ans',
        authorName: 'Ans',
        text: 'Kan ik erlangs met de fiets?',
        createdAt: ans.now,
      },
      {
        id: second,
        noticeId: a,
        authorId: 'bram',
        authorName: 'Bram',
        text: 'Hoe lang nog?',
        createdAt: bram.now,
      },
    ]);
    expect(Object.isFrozen(readQuestions(doc, a)[0])).toBe(true);
    expect(() => withdrawQuestion(doc, first, bram)).toThrow(ValidationError);
    withdrawQuestion(doc, first, ans);
    expect(readQuestions(doc, a).map((q) => q.id)).toEqual([second]);
  });

  it('refuses an empty or too long question in Dutch', () => {
    const doc = new Y.Doc();
    const { a } = notices();
    const fields = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as ValidationError).fieldErrors;
      }
      return null;
    };
    expect(fields(() => addQuestion(doc, a, '  ', ans))).toEqual({
      text: 'Schrijf eerst je vraag.',
    });
    expect(fields(() => addQuestion(doc, a, 'x'.repeat(1001), ans))).toEqual({
      text: 'Maak je vraag korter: ten hoogste 1000 tekens.',
    });
    expect(fields(() => addQuestion(doc, 'geen id!', 'Vraag', ans))).toEqual({
      notice: 'Dit bericht bestaat niet (meer).',
    });
  });
});

describe('the thread', () => {
  it("joins each question with the gemeente's answers from the notices document", () => {
    const { doc: berichten, a } = notices();
    const vragen = new Y.Doc();
    const q1 = addQuestion(vragen, a, 'Hoe lang nog?', ans);
    const q2 = addQuestion(vragen, a, 'En de bus?', bram);
    const answer = answerQuestion(berichten, q1, 'Tot eind april.', gemeente);
    answerQuestion(berichten, 'andere-vraag', 'Niet voor hier.', gemeente);
    const thread = readThread(vragen, berichten, a);
    expect(thread.map((t) => [t.question.id, t.answers.map((x) => x.id)])).toEqual([
      [q1, [answer]],
      [q2, []],
    ]);
    expect(thread[0]!.answers[0]).toMatchObject({
      authorName: 'Gemeente West Betuwe',
      text: 'Tot eind april.',
    });
    expect(joinThread([], [])).toEqual([]);
  });

  it('a question asked offline and the answer given meanwhile meet after sync', () => {
    const { doc: berichten, a } = notices();
    const server = new Y.Doc();
    const phone = fork(server);
    const q = addQuestion(phone, a, 'Wordt er ook gestraat?', ans);
    expect(readThread(server, berichten, a)).toEqual([]);
    sync(phone, server);
    const gemeenteView = fork(server);
    answerQuestion(berichten, readQuestions(gemeenteView, a)[0]!.id, 'Ja, in mei.', gemeente);
    expect(readThread(phone, berichten, a)[0]).toMatchObject({
      question: { id: q },
      answers: [{ text: 'Ja, in mei.' }],
    });
  });
});
