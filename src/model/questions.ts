/**
 * Questions under the gemeente's notices (room `gemeente/vragen`). Residents, committees and
 * the gemeente all write this one document, so the relay checks every update per entry
 * (entryRules.ts): one may add questions under one's own id and withdraw only one's own.
 *
 * Document shape (the only top-level type):
 * - `questions` id -> flat Y.Map { noticeId, authorId, authorName, text, createdAt,
 *               withdrawnAt? }
 * The answers are the gemeente's and live in `gemeente/berichten` (notices.ts), which only the
 * gemeente writes; `joinThread` shows both together.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import {
  authorName,
  checkWriter,
  entryFieldsProblem,
  isEntryId,
  notYours,
  stringProblem,
  text,
  unknownFields,
  type WriterContext,
} from './boardEntry';
import { readAnswers, type Answer } from './notices';
import { ValidationError, assertValid } from './validation';

export const questionsOf = (doc: Y.Doc) => doc.getMap<unknown>('questions');

export const questionLimits = { text: 1000 } as const;

export interface Question {
  id: string;
  noticeId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface ThreadItem {
  question: Question;
  /** The gemeente's answers to it, oldest first. */
  answers: readonly Answer[];
}

export function validateQuestionText(value: string): Record<string, string> {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) return { text: 'Schrijf eerst je vraag.' };
  if (trimmed.length > questionLimits.text)
    return { text: `Maak je vraag korter: ten hoogste ${questionLimits.text} tekens.` };
  return {};
}

/** Asks a question under a notice; returns its id. */
export function addQuestion(
  doc: Y.Doc,
  noticeId: string,
  question: string,
  ctx: WriterContext,
): string {
  checkWriter(ctx);
  if (!isEntryId(noticeId))
    throw new ValidationError({ notice: 'Dit bericht bestaat niet (meer).' });
  assertValid(validateQuestionText(question));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    questionsOf(doc).set(id, map);
    map.set('noticeId', noticeId);
    map.set('authorId', ctx.id);
    map.set('authorName', authorName(ctx));
    map.set('text', question.trim());
    map.set('createdAt', ctx.now);
  }, ctx.origin ?? null);
  return id;
}

/** Withdraws one's own question (kept in the data, no longer shown). */
export function withdrawQuestion(doc: Y.Doc, id: string, ctx: WriterContext): void {
  checkWriter(ctx);
  const map = questionsOf(doc).get(id);
  if (!(map instanceof Y.Map))
    throw new ValidationError({ question: 'Deze vraag bestaat niet (meer).' });
  if (map.get('authorId') !== ctx.id) throw notYours('question', 'vraag');
  if (map.has('withdrawnAt')) return;
  doc.transact(() => map.set('withdrawnAt', ctx.now), ctx.origin ?? null);
}

/** The questions under one notice that are not withdrawn, oldest first. */
export function readQuestions(doc: Y.Doc, noticeId: string): readonly Question[] {
  const list: Question[] = [];
  questionsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map) || map.has('withdrawnAt') || map.get('noticeId') !== noticeId)
      return;
    list.push(
      Object.freeze({
        id,
        noticeId,
        authorId: text(map, 'authorId'),
        authorName: text(map, 'authorName'),
        text: text(map, 'text'),
        createdAt: text(map, 'createdAt'),
      }),
    );
  });
  list.sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
  return Object.freeze(list);
}

/** Each question with the gemeente's answers to it (pure, over snapshots). */
export function joinThread(
  questions: readonly Question[],
  answers: readonly Answer[],
): readonly ThreadItem[] {
  return Object.freeze(
    questions.map((question) =>
      Object.freeze({
        question,
        answers: Object.freeze(answers.filter((a) => a.questionId === question.id)),
      }),
    ),
  );
}

/** The thread under a notice: questions from `gemeente/vragen`, answers from `gemeente/berichten`. */
export const readThread = (questionsDoc: Y.Doc, noticesDoc: Y.Doc, noticeId: string) =>
  joinThread(readQuestions(questionsDoc, noticeId), readAnswers(noticesDoc));

// The stored shape, for the relay's per-entry check (entryRules.ts); reasons in English.

export const questionFields = [
  'noticeId',
  'authorId',
  'authorName',
  'text',
  'createdAt',
  'withdrawnAt',
] as const;
/** What the author may change after asking: only withdrawing it. */
export const questionEditable = ['withdrawnAt'];

export function storedQuestionProblem(fields: Record<string, unknown>): string | null {
  const extra = unknownFields(fields, questionFields);
  if (extra.length) return `unknown field ${extra[0]}`;
  return (
    entryFieldsProblem(fields) ??
    (isEntryId(fields.noticeId) ? null : 'noticeId must be an id') ??
    stringProblem(fields.text, 'text', 1, questionLimits.text)
  );
}
