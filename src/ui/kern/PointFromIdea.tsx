/**
 * "Uit een idee van bewoners": the note on a kernagendapunt that the committee made from an
 * idea of an ideas board, with a link back to that idea. The kern page wraps its agenda in
 * `IdeaLinksProvider` (the agenda's doc); the links are read once per change of the document
 * and handed on only when they changed, so the cards do not re-render on every keystroke.
 * Outside a provider the note is simply not shown.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { Link } from 'wouter';
import { readIdeaDecisions } from '../../model/ideaDecisions';
import { useView } from '../hooks/useView';
import { ideaAddress, pointIdeaLinks, sameIdeaLinks, type IdeaLink } from './ideaLinks';

const IdeaLinks = createContext<ReadonlyMap<string, IdeaLink>>(new Map());

/** The links read last per document: handed on as they were when a change left them alone. */
const lastLinks = new WeakMap<Y.Doc, ReadonlyMap<string, IdeaLink>>();

function readLinks(doc: Y.Doc): ReadonlyMap<string, IdeaLink> {
  const next = pointIdeaLinks(readIdeaDecisions(doc));
  const last = lastLinks.get(doc);
  if (last && sameIdeaLinks(last, next)) return last;
  lastLinks.set(doc, next);
  return next;
}

export function IdeaLinksProvider({ doc, children }: { doc: Y.Doc; children: ReactNode }) {
  return <IdeaLinks value={useView(doc, readLinks)}>{children}</IdeaLinks>;
}

export function PointFromIdea({ pointId, title }: { pointId: string; title: string }) {
  const link = useContext(IdeaLinks).get(pointId);
  if (!link) return null;
  return (
    <p className="from-idea">
      <span>Uit een idee van bewoners.</span>{' '}
      <Link href={ideaAddress(link)} className="no-print">
        Bekijk het idee<span className="sr-only">: {title}</span>
      </Link>
    </p>
  );
}
