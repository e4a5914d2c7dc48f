/**
 * Gemeente berichten (room `gemeente/berichten`): notices targeted at kernen, and the
 * gemeente's answers to residents' questions. Only the gemeente writes this document (the
 * relay enforces it per connection), so an answer here is always the gemeente's.
 *
 * Document shape:
 * - `notices` id -> flat Y.Map { kind, title, text, kernen (a plain array of slugs, or
 *             'alle'), from, until? (calendar dates 'YYYY-MM-DD', inclusive), place, link?,
 *             createdAt, createdBy, updatedAt, updatedBy, endedAt?, withdrawnAt? }
 * - `answers` id -> flat Y.Map { questionId, authorName, text, createdAt }
 * Notices are never deleted: ending one early (`endedAt`) or withdrawing it (`withdrawnAt`)
 * moves it to the archive. What a resident sees is derived by `noticesFor` (noticeView.ts)
 * from the snapshots, the kernen they follow and the date of today.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { authorName, checkWriter, isEntryId, text, type WriterContext } from './boardEntry';
import {
  noticeLimits,
  readNotice,
  storedValues,
  validateNoticeInput,
  type Answer,
  type Notice,
  type NoticeInput,
} from './notice';
import { ValidationError, assertValid } from './validation';

export * from './notice';
export * from './noticeView';

export const noticesOf = (doc: Y.Doc) => doc.getMap<unknown>('notices');
export const answersOf = (doc: Y.Doc) => doc.getMap<unknown>('answers');

const unknownNotice = () => new ValidationError({ notice: 'Dit bericht bestaat niet (meer).' });

function noticeMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = noticesOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw unknownNotice();
  return map;
}

/** Posts a notice and returns its id. Throws ValidationError (nothing written) on bad input. */
export function addNotice(doc: Y.Doc, input: NoticeInput, ctx: WriterContext): string {
  checkWriter(ctx);
  assertValid(validateNoticeInput(input, ctx.config));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    noticesOf(doc).set(id, map);
    for (const [key, value] of storedValues(input)) if (value !== null) map.set(key, value);
    map.set('createdAt', ctx.now);
    map.set('createdBy', authorName(ctx));
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', authorName(ctx));
  }, ctx.origin ?? null);
  return id;
}

/** Changes a notice that is not withdrawn, writing only the fields that differ. */
export function updateNotice(
  doc: Y.Doc,
  id: string,
  patch: Partial<NoticeInput>,
  ctx: WriterContext,
): void {
  checkWriter(ctx);
  const map = noticeMap(doc, id);
  if (map.has('withdrawnAt')) throw new ValidationError({ notice: 'Dit bericht is ingetrokken.' });
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: NoticeInput = { ...readNotice(id, map), ...given };
  assertValid(validateNoticeInput(merged, ctx.config));
  const changes = storedValues(merged).filter(
    ([key, value]) => JSON.stringify(value) !== JSON.stringify(map.get(key) ?? null),
  );
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [key, value] of changes)
      if (value === null) map.delete(key);
      else map.set(key, value);
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', authorName(ctx));
  }, ctx.origin ?? null);
}

function mark(doc: Y.Doc, id: string, field: 'endedAt' | 'withdrawnAt', ctx: WriterContext) {
  checkWriter(ctx);
  const map = noticeMap(doc, id);
  if (map.has(field)) return;
  doc.transact(() => {
    map.set(field, ctx.now);
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', authorName(ctx));
  }, ctx.origin ?? null);
}

/** Ends a notice early (the works are done): it moves to the archive. */
export const endNotice = (doc: Y.Doc, id: string, ctx: WriterContext) =>
  mark(doc, id, 'endedAt', ctx);

/** Withdraws a notice (posted in error): it moves to the archive, marked as withdrawn. */
export const withdrawNotice = (doc: Y.Doc, id: string, ctx: WriterContext) =>
  mark(doc, id, 'withdrawnAt', ctx);

/** The gemeente's answer to a question (in `gemeente/vragen`); returns the answer's id. */
export function answerQuestion(
  doc: Y.Doc,
  questionId: string,
  answer: string,
  ctx: WriterContext,
): string {
  checkWriter(ctx);
  if (!isEntryId(questionId))
    throw new ValidationError({ question: 'Deze vraag bestaat niet (meer).' });
  const body = typeof answer === 'string' ? answer.trim() : '';
  if (!body) throw new ValidationError({ text: 'Schrijf eerst het antwoord.' });
  if (body.length > noticeLimits.answer)
    throw new ValidationError({
      text: `Maak het antwoord korter: ten hoogste ${noticeLimits.answer} tekens.`,
    });
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    answersOf(doc).set(id, map);
    map.set('questionId', questionId);
    map.set('authorName', authorName(ctx));
    map.set('text', body);
    map.set('createdAt', ctx.now);
  }, ctx.origin ?? null);
  return id;
}

/** Every notice (also ended and withdrawn ones), newest first. */
export function readNotices(doc: Y.Doc): readonly Notice[] {
  const list: Notice[] = [];
  noticesOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) list.push(readNotice(id, map));
  });
  list.sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1,
  );
  return Object.freeze(list);
}

/** Every answer, oldest first. */
export function readAnswers(doc: Y.Doc): readonly Answer[] {
  const list: Answer[] = [];
  answersOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    list.push(
      Object.freeze({
        id,
        questionId: text(map, 'questionId'),
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
