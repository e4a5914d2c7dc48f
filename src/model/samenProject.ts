/**
 * The snapshot of a joint project (samen.ts writes the document): its types, limits and
 * read-time defaults, and the derived order totals. Entries that do not read (a kern key of
 * the wrong shape, a quantity that is no whole number) are left out; totals are computed
 * here from the quantities, never stored.
 */
import { isIsoTime } from './agendaDoc';
import { isCents, isYear } from './validation';

export const taskStatuses = ['te-doen', 'bezig', 'klaar'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskStatusLabels: Record<TaskStatus, string> = {
  'te-doen': 'Te doen',
  bezig: 'Bezig',
  klaar: 'Klaar',
};

export const samenLimits = {
  title: 120,
  description: 2000,
  task: 120,
  person: 80,
  item: 120,
  quantity: 10_000,
} as const;

export interface SamenTask {
  id: string;
  title: string;
  kern: string;
  person: string;
  status: TaskStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface Contribution {
  kern: string;
  /** The year the kern names. */
  year: number;
  cents: number;
  /** When it was set or last raised (the closing day judges this, as for a request). */
  at: string;
  by: string;
}

export interface OrderLine {
  id: string;
  item: string;
  unitPriceCents: number;
  /** How many each kern orders (only kernen with a quantity). */
  quantities: Readonly<Record<string, number>>;
  quantity: number;
  totalCents: number;
  createdAt: string;
  createdBy: string;
}

export interface SamenProject {
  id: string;
  title: string;
  description: string;
  /** The kern that started it. */
  kern: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  participants: Readonly<Record<string, Readonly<{ joinedAt: string; by: string }>>>;
  invited: Readonly<Record<string, Readonly<{ at: string; by: string }>>>;
  /** Live tasks, oldest first. */
  tasks: readonly SamenTask[];
  /** Contributions by kern, then year. */
  contributions: readonly Contribution[];
  /** Live order lines, oldest first, with their totals. */
  orderLines: readonly OrderLine[];
  /** What each kern's order costs (kernen with an order only). */
  orderTotals: Readonly<Record<string, number>>;
  orderTotalCents: number;
}

/** What the snapshot reads from: a top-level map of the document by name. */
export interface MapSource {
  get(key: string): unknown;
  forEach(fn: (value: unknown, key: string) => void): void;
}

const kernKey = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const byTime = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;

/** Live entries (not removed) of a map of flat Y.Maps. */
function entries(map: MapSource): [string, MapSource][] {
  const list: [string, MapSource][] = [];
  map.forEach((value, id) => {
    const entry = value as MapSource | null;
    if (entry && typeof entry.get === 'function' && entry.get('removedAt') === undefined)
      list.push([id, entry]);
  });
  return list;
}

/**
 * A record with its keys in order: a Y.Map iterates in the order its entries arrived, which
 * differs between replicas, and every replica must read the same snapshot.
 */
const sortedKeys = <T>(record: Record<string, T>): Readonly<Record<string, T>> =>
  Object.freeze(
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );

export function readSamenFrom(id: string, mapOf: (name: string) => MapSource): SamenProject | null {
  const meta = mapOf('meta');
  if (!isIsoTime(meta.get('createdAt'))) return null;

  const participants: Record<string, { joinedAt: string; by: string }> = {};
  mapOf('kernen').forEach((value, kern) => {
    const r = rec(value);
    if (kernKey.test(kern) && isIsoTime(r.joinedAt))
      participants[kern] = Object.freeze({ joinedAt: r.joinedAt, by: str(r.by) });
  });
  const invited: Record<string, { at: string; by: string }> = {};
  mapOf('invited').forEach((value, kern) => {
    const r = rec(value);
    if (kernKey.test(kern) && isIsoTime(r.at))
      invited[kern] = Object.freeze({ at: r.at, by: str(r.by) });
  });

  const tasks = entries(mapOf('tasks')).map(([taskId, m]) => {
    const status = m.get('status');
    return Object.freeze({
      id: taskId,
      title: str(m.get('title')),
      kern: str(m.get('kern')),
      person: str(m.get('person')),
      status: (taskStatuses as readonly unknown[]).includes(status)
        ? (status as TaskStatus)
        : 'te-doen',
      createdAt: str(m.get('createdAt')),
      createdBy: str(m.get('createdBy')),
      updatedAt: str(m.get('updatedAt')),
      updatedBy: str(m.get('updatedBy')),
    });
  });

  const contributions: Contribution[] = [];
  mapOf('contributions').forEach((value, key) => {
    const [kern = '', yearText = ''] = key.split(':');
    const year = Number(yearText);
    const r = rec(value);
    if (!kernKey.test(kern) || !isYear(year) || String(year) !== yearText) return;
    if (!isCents(r.cents) || r.cents === 0 || !isIsoTime(r.at)) return;
    contributions.push(Object.freeze({ kern, year, cents: r.cents, at: r.at, by: str(r.by) }));
  });
  contributions.sort((a, b) => (a.kern === b.kern ? a.year - b.year : a.kern < b.kern ? -1 : 1));

  const quantities = new Map<string, Record<string, number>>();
  mapOf('quantities').forEach((value, key) => {
    const at = key.lastIndexOf(':');
    const kern = key.slice(at + 1);
    if (at <= 0 || !kernKey.test(kern) || !Number.isSafeInteger(value) || (value as number) <= 0)
      return;
    const line = quantities.get(key.slice(0, at)) ?? {};
    line[kern] = value as number;
    quantities.set(key.slice(0, at), line);
  });
  const orderTotals: Record<string, number> = {};
  const orderLines = entries(mapOf('orderLines')).map(([lineId, m]) => {
    const price = m.get('unitPriceCents');
    const unitPriceCents = isCents(price) ? price : 0;
    const perKern = quantities.get(lineId) ?? {};
    let quantity = 0;
    for (const [kern, count] of Object.entries(perKern)) {
      quantity += count;
      orderTotals[kern] = (orderTotals[kern] ?? 0) + count * unitPriceCents;
    }
    return Object.freeze({
      id: lineId,
      item: str(m.get('item')),
      unitPriceCents,
      quantities: sortedKeys(perKern),
      quantity,
      totalCents: quantity * unitPriceCents,
      createdAt: str(m.get('createdAt')),
      createdBy: str(m.get('createdBy')),
    });
  });

  return Object.freeze({
    id,
    title: str(meta.get('title')),
    description: str(meta.get('description')),
    kern: str(meta.get('kern')),
    createdAt: str(meta.get('createdAt')),
    createdBy: str(meta.get('createdBy')),
    updatedAt: str(meta.get('updatedAt')),
    updatedBy: str(meta.get('updatedBy')),
    participants: sortedKeys(participants),
    invited: sortedKeys(invited),
    tasks: Object.freeze(tasks.sort(byTime)),
    contributions: Object.freeze(contributions),
    orderLines: Object.freeze(orderLines.sort(byTime)),
    orderTotals: sortedKeys(orderTotals),
    orderTotalCents: orderLines.reduce((sum, line) => sum + line.totalCents, 0),
  });
}
