/**
 * A joint project of two or more kernen ("samen oppakken"; room `samen/<id>`, written by
 * the committees of the kernen taking part): what it is, who does what, what each kern
 * contributes from its budget, and a shared order list for things bought together.
 *
 * Document shape (top-level types):
 * - `meta`          title, description, kern (the kern that started it), createdAt/By,
 *                   updatedAt/By
 * - `kernen`        kern slug -> plain { joinedAt, by }: taking part. Each kern's committee
 *                   writes its own key (the starting kern at creation, others by joining).
 * - `invited`       kern slug -> plain { at, by, from }: asked to take part by a kern that does.
 * - `tasks`         task id -> flat Y.Map { title, kern, person, status, createdAt/By,
 *                   updatedAt/By, removedAt/By? }: who does what
 * - `contributions` '<kern>:<year>' -> plain { cents, at, by }: what the kern gives from its
 *                   budget for that year. Only that kern writes it. `at` is when it was set or
 *                   last raised, so the budget's closing day applies as to any request
 *                   (jointBudget.ts).
 * - `orderLines`    line id -> flat Y.Map { item, unitPriceCents, createdAt/By, updatedAt/By,
 *                   removedAt/By? }
 * - `quantities`    '<lineId>:<kern>' -> whole number: how many that kern orders. Only that
 *                   kern writes it.
 * One key per kern (never a shared list or a counter), so what two kernen write offline both
 * stays. Totals are derived, never stored. Every write is validated, then ONE transaction
 * with `ctx.origin`; removals are tombstones. The relay lets a committee write this room when
 * its kern takes part or is invited (`samenWriters`); the model also refuses writes for a
 * kern that does not take part, and writes of another kern's keys.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { isIsoTime } from './agendaDoc';
import { checkCommittee, unknownKern, type CommitteeContext } from './committee';
import { ValidationError, assertValid, isCents, isYear, messages } from './validation';
import {
  readSamenFrom,
  samenLimits,
  taskStatuses,
  type SamenProject,
  type TaskStatus,
} from './samenProject';

export * from './samenProject';
export * from './jointBudget';

export interface SamenInput {
  title: string;
  description?: string;
}
export interface TaskInput {
  title: string;
  /** The kern that does it (one that takes part). */
  kern: string;
  /** Who in that kern, as free text. */
  person?: string;
  status?: TaskStatus;
}
export interface OrderLineInput {
  item: string;
  unitPriceCents: number;
}

/** A fresh id for a joint project (its room is `samen/<id>`). */
export const newSamenId = () => nanoid();

const unknownSamen = () => new ValidationError({ samen: 'Dit samenproject bestaat niet (meer).' });
const notTakingPart = () =>
  new ValidationError({ kern: 'Je kern doet nog niet mee aan dit samenproject.' });
const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function checkText(
  errors: Record<string, string>,
  field: string,
  value: unknown,
  max: number,
  required: string | null,
) {
  if (value !== undefined && typeof value !== 'string')
    errors[field] = required ?? 'Vul dit in als tekst.';
  else if (!textOf(value) && required) errors[field] = required;
  else if (textOf(value).length > max)
    errors[field] = `Maak dit korter: ten hoogste ${max} tekens.`;
}

/** Throws unless the document is a joint project that `ctx.kern` takes part in. */
function member(doc: Y.Doc, ctx: CommitteeContext) {
  checkCommittee(ctx);
  if (!isIsoTime(doc.getMap('meta').get('createdAt'))) throw unknownSamen();
  if (!doc.getMap('kernen').has(ctx.kern)) throw notTakingPart();
}

function stamp(map: Y.Map<unknown>, ctx: CommitteeContext, created: boolean) {
  if (created) {
    map.set('createdAt', ctx.now);
    map.set('createdBy', ctx.actor);
  }
  map.set('updatedAt', ctx.now);
  map.set('updatedBy', ctx.actor);
}

function validateSamen(input: Partial<SamenInput>, whole: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (whole || input.title !== undefined)
    checkText(errors, 'title', input.title, samenLimits.title, 'Vul een titel in.');
  checkText(errors, 'description', input.description, samenLimits.description, null);
  return errors;
}

/** Starts a joint project in an empty document; `ctx.kern` takes part from the start. */
export function createSamen(doc: Y.Doc, input: SamenInput, ctx: CommitteeContext): void {
  checkCommittee(ctx);
  const meta = doc.getMap<unknown>('meta');
  if (meta.has('createdAt')) throw new ValidationError({ samen: 'Dit samenproject bestaat al.' });
  assertValid(validateSamen(input, true));
  doc.transact(() => {
    meta.set('title', input.title.trim());
    meta.set('description', textOf(input.description));
    meta.set('kern', ctx.kern);
    stamp(meta, ctx, true);
    doc.getMap('kernen').set(ctx.kern, { joinedAt: ctx.now, by: ctx.actor });
  }, ctx.origin ?? null);
}

/** Changes the title and/or description. */
export function updateSamen(doc: Y.Doc, patch: Partial<SamenInput>, ctx: CommitteeContext): void {
  member(doc, ctx);
  assertValid(validateSamen(patch, false));
  const meta = doc.getMap<unknown>('meta');
  const changes = Object.entries(patch)
    .filter(([key, value]) => value !== undefined && ['title', 'description'].includes(key))
    .map(([key, value]) => [key, textOf(value)] as const)
    .filter(([key, value]) => meta.get(key) !== value);
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [key, value] of changes) meta.set(key, value);
    stamp(meta, ctx, false);
  }, ctx.origin ?? null);
}

/** Asks another kern to take part. No-op when it already takes part or was asked. */
export function inviteKern(doc: Y.Doc, kern: string, ctx: CommitteeContext): void {
  member(doc, ctx);
  if (!ctx.config.kern(kern)) throw unknownKern();
  if (doc.getMap('kernen').has(kern) || doc.getMap('invited').has(kern)) return;
  doc.transact(
    () => doc.getMap('invited').set(kern, { at: ctx.now, by: ctx.actor, from: ctx.kern }),
    ctx.origin ?? null,
  );
}

/** `ctx.kern` takes part (writes its own key). No-op when it already does. */
export function joinSamen(doc: Y.Doc, ctx: CommitteeContext): void {
  checkCommittee(ctx);
  if (!isIsoTime(doc.getMap('meta').get('createdAt'))) throw unknownSamen();
  const kernen = doc.getMap('kernen');
  if (kernen.has(ctx.kern)) return;
  doc.transact(
    () => kernen.set(ctx.kern, { joinedAt: ctx.now, by: ctx.actor }),
    ctx.origin ?? null,
  );
}

/** Errors of a task; `whole` for a new task, else only the fields given. */
function validateTask(input: Partial<TaskInput>, doc: Y.Doc, whole: boolean) {
  const errors: Record<string, string> = {};
  if (whole || input.title !== undefined)
    checkText(errors, 'title', input.title, samenLimits.task, 'Vul in wat er moet gebeuren.');
  if ((whole || input.kern !== undefined) && !doc.getMap('kernen').has(input.kern ?? ''))
    errors.kern = 'Kies een kern die meedoet.';
  checkText(errors, 'person', input.person, samenLimits.person, null);
  if (input.status !== undefined && !(taskStatuses as readonly string[]).includes(input.status))
    errors.status = 'Kies een status.';
  return errors;
}

/** Adds a task ("who does what") and returns its id. */
export function addTask(doc: Y.Doc, input: TaskInput, ctx: CommitteeContext): string {
  member(doc, ctx);
  assertValid(validateTask(input, doc, true));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap('tasks').set(id, map);
    map.set('title', input.title.trim());
    map.set('kern', input.kern);
    map.set('person', textOf(input.person));
    map.set('status', input.status ?? 'te-doen');
    stamp(map, ctx, true);
  }, ctx.origin ?? null);
  return id;
}

function liveEntry(doc: Y.Doc, type: string, id: string, what: string): Y.Map<unknown> {
  const map = doc.getMap(type).get(id);
  if (!(map instanceof Y.Map) || map.has('removedAt'))
    throw new ValidationError({ id: `Deze ${what} bestaat niet (meer).` });
  return map;
}

/** Changes the given fields of a task, writing only those that differ. */
export function updateTask(
  doc: Y.Doc,
  id: string,
  patch: Partial<TaskInput>,
  ctx: CommitteeContext,
): void {
  member(doc, ctx);
  const map = liveEntry(doc, 'tasks', id, 'taak');
  assertValid(validateTask(patch, doc, false));
  const changes = Object.entries(patch)
    .filter(
      ([key, value]) => value !== undefined && ['title', 'kern', 'person', 'status'].includes(key),
    )
    .map(([key, value]) => [key, textOf(value)] as const)
    .filter(([key, value]) => map.get(key) !== value);
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [key, value] of changes) map.set(key, value);
    stamp(map, ctx, false);
  }, ctx.origin ?? null);
}

function remove(doc: Y.Doc, type: string, id: string, what: string, ctx: CommitteeContext) {
  member(doc, ctx);
  const map = liveEntry(doc, type, id, what);
  doc.transact(() => {
    map.set('removedAt', ctx.now);
    map.set('removedBy', ctx.actor);
  }, ctx.origin ?? null);
}

export const removeTask = (doc: Y.Doc, id: string, ctx: CommitteeContext) =>
  remove(doc, 'tasks', id, 'taak', ctx);

/**
 * Sets what `ctx.kern` gives from its budget for `year`, in cents (0 takes it away). Its
 * time moves to now when it is new or goes up, as a budget request's does (kernagenda.ts).
 */
export function setContribution(
  doc: Y.Doc,
  year: number,
  cents: number,
  ctx: CommitteeContext,
): void {
  member(doc, ctx);
  const errors: Record<string, string> = {};
  if (!isYear(year)) errors.year = messages.year;
  if (!isCents(cents)) errors.amount = messages.amount;
  assertValid(errors);
  const map = doc.getMap<unknown>('contributions');
  const key = `${ctx.kern}:${year}`;
  const before = map.get(key) as { cents?: unknown; at?: unknown } | undefined;
  const old = isCents(before?.cents) ? before.cents : 0;
  if (old === cents && (cents === 0 || before)) return;
  doc.transact(() => {
    if (cents === 0) map.delete(key);
    else
      map.set(key, {
        cents,
        at: cents > old || !isIsoTime(before?.at) ? ctx.now : before.at,
        by: ctx.actor,
      });
  }, ctx.origin ?? null);
}

/** Errors of an order line; `whole` for a new line, else only the fields given. */
function validateLine(input: Partial<OrderLineInput>, whole: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (whole || input.item !== undefined)
    checkText(errors, 'item', input.item, samenLimits.item, 'Vul in wat jullie kopen.');
  if ((whole || input.unitPriceCents !== undefined) && !isCents(input.unitPriceCents))
    errors.unitPrice = messages.amount;
  return errors;
}

/** Adds a line to the shared order list and returns its id. */
export function addOrderLine(doc: Y.Doc, input: OrderLineInput, ctx: CommitteeContext): string {
  member(doc, ctx);
  assertValid(validateLine(input, true));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap('orderLines').set(id, map);
    map.set('item', input.item.trim());
    map.set('unitPriceCents', input.unitPriceCents);
    stamp(map, ctx, true);
  }, ctx.origin ?? null);
  return id;
}

/** Changes an order line's item or price. */
export function updateOrderLine(
  doc: Y.Doc,
  id: string,
  patch: Partial<OrderLineInput>,
  ctx: CommitteeContext,
): void {
  member(doc, ctx);
  const map = liveEntry(doc, 'orderLines', id, 'bestelregel');
  assertValid(validateLine(patch, false));
  const changes: [string, unknown][] = [];
  if (patch.item !== undefined && patch.item.trim() !== map.get('item'))
    changes.push(['item', patch.item.trim()]);
  if (patch.unitPriceCents !== undefined && patch.unitPriceCents !== map.get('unitPriceCents'))
    changes.push(['unitPriceCents', patch.unitPriceCents]);
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [key, value] of changes) map.set(key, value);
    stamp(map, ctx, false);
  }, ctx.origin ?? null);
}

export const removeOrderLine = (doc: Y.Doc, id: string, ctx: CommitteeContext) =>
  remove(doc, 'orderLines', id, 'bestelregel', ctx);

/** Sets how many of a line `ctx.kern` orders (0 takes its order away). */
export function setQuantity(
  doc: Y.Doc,
  lineId: string,
  quantity: number,
  ctx: CommitteeContext,
): void {
  member(doc, ctx);
  liveEntry(doc, 'orderLines', lineId, 'bestelregel');
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > samenLimits.quantity)
    throw new ValidationError({
      quantity: `Vul een aantal in: een heel getal van 0 tot en met ${samenLimits.quantity}.`,
    });
  const map = doc.getMap<unknown>('quantities');
  const key = `${lineId}:${ctx.kern}`;
  if ((map.get(key) ?? 0) === quantity) return;
  doc.transact(() => {
    if (quantity === 0) map.delete(key);
    else map.set(key, quantity);
  }, ctx.origin ?? null);
}

/** The joint project as a frozen snapshot, or null while the document has none. */
export function readSamen(doc: Y.Doc, id: string): SamenProject | null {
  return readSamenFrom(id, (name) => doc.getMap<unknown>(name));
}

/**
 * The kernen whose committees may write the room: those taking part and those invited (an
 * invited kern must be able to write its own key to join). The relay's
 * `AccessContext.jointKernen(id)` answers this from the stored document.
 */
export function samenWriters(project: SamenProject | null): readonly string[] {
  if (!project) return [];
  return [...new Set([...Object.keys(project.participants), ...Object.keys(project.invited)])];
}
