/**
 * The thread under one notice as a live value: its questions (room `gemeente/vragen`) joined
 * with the gemeente's answers (room `gemeente/berichten`), re-read when either changes.
 */
import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { readAnswers } from '../../model/notices';
import { joinThread, readQuestions, type ThreadItem } from '../../model/questions';
import { useView } from '../hooks/useView';

export function useThread(
  questionsDoc: Y.Doc,
  noticesDoc: Y.Doc,
  noticeId: string,
): readonly ThreadItem[] {
  const read = useCallback((doc: Y.Doc) => readQuestions(doc, noticeId), [noticeId]);
  const questions = useView(questionsDoc, read);
  const answers = useView(noticesDoc, readAnswers);
  return useMemo(() => joinThread(questions, answers), [questions, answers]);
}
