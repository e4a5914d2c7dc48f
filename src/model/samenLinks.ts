/**
 * Which joint projects a kernagenda takes part in: the kernagenda's own record of the
 * `samen/<id>` rooms its kern started or joined. Without it a kern page could not know which
 * joint projects to open (a room name holds no kern), and another kern's committee cannot
 * write it there: each committee records its own projects, in its own kernagenda.
 *
 * Document shape: the top-level map `samen` of the kernagenda document, beside the types of
 * agendaDoc.ts (additive: an older version ignores it and keeps it): joint project id ->
 * plain { kern, at, by }: the kern of the agenda's group that took part, when, and who
 * recorded it. Recorded once per project (a second record is a no-op), so what two devices
 * record offline stays one entry. It holds no money: what a kern gives lives in the joint
 * project only (jointBudget.ts), so it is counted once.
 *
 * Two documents, two transactions, as in takeOver.ts: the joint project first (`startSamen`,
 * `takePart`), then this record; when the second write does not happen (the app closes in
 * between), `takePart` again writes only the record. The agenda's undo (undo.ts) does not
 * track this map: undoing a point never drops a joint project.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { isIsoTime } from './agendaDoc';
import { checkCommittee, type CommitteeContext } from './committee';
import { parseRoom } from './rooms';
import { createSamen, joinSamen, type SamenInput } from './samen';
import { ValidationError } from './validation';

export interface SamenLink {
  /** The joint project's id (its room is `samen/<id>`). */
  id: string;
  /** The kern of this kernagenda's group that takes part. */
  kern: string;
  at: string;
  by: string;
}

const linksOf = (agenda: Y.Doc) => agenda.getMap<unknown>('samen');

const isSamenId = (id: string, config: GemeenteConfig) =>
  parseRoom(`samen/${id}`, config)?.kind === 'samen';

/** Records in the kernagenda that `ctx.kern` takes part in joint project `id` (idempotent). */
export function recordSamen(agenda: Y.Doc, id: string, ctx: CommitteeContext): void {
  checkCommittee(ctx);
  if (typeof id !== 'string' || !isSamenId(id, ctx.config))
    throw new ValidationError({ samen: 'Dit samenproject bestaat niet (meer).' });
  const links = linksOf(agenda);
  if (links.has(id)) return;
  agenda.transact(
    () => links.set(id, { kern: ctx.kern, at: ctx.now, by: ctx.actor }),
    ctx.origin ?? null,
  );
}

/**
 * Starts joint project `id` (a fresh `newSamenId()`) in the empty document `samen`, with
 * `ctx.kern` taking part, and records it in the kern's own kernagenda.
 */
export function startSamen(
  samen: Y.Doc,
  agenda: Y.Doc,
  id: string,
  input: SamenInput,
  ctx: CommitteeContext,
): void {
  if (!isSamenId(id, ctx.config))
    throw new ValidationError({ samen: 'Dit samenproject bestaat niet (meer).' });
  createSamen(samen, input, ctx);
  recordSamen(agenda, id, ctx);
}

/** `ctx.kern` takes part in joint project `id` and records it in its kernagenda (idempotent). */
export function takePart(samen: Y.Doc, agenda: Y.Doc, id: string, ctx: CommitteeContext): void {
  joinSamen(samen, ctx);
  recordSamen(agenda, id, ctx);
}

/** The joint projects this kernagenda takes part in, oldest first; unreadable entries left out. */
export function readSamenLinks(agenda: Y.Doc, config: GemeenteConfig): readonly SamenLink[] {
  const list: SamenLink[] = [];
  linksOf(agenda).forEach((value, id) => {
    const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (!isSamenId(id, config) || typeof r.kern !== 'string' || !config.kern(r.kern)) return;
    if (!isIsoTime(r.at)) return;
    list.push(
      Object.freeze({ id, kern: r.kern, at: r.at, by: typeof r.by === 'string' ? r.by : '' }),
    );
  });
  list.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  return Object.freeze(list);
}
