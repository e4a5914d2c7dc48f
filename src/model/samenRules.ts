/**
 * The per-entry rules of a joint project (`samen/<id>`, samen.ts) for a committee's update;
 * boardRules.ts lists them (rules 4–5). Participation (`kernen`), contributions and
 * quantities are keyed per kern and written by that kern only; meta, invitations, tasks and
 * order lines are shared by the kernen taking part. The values are checked against what
 * samen.ts writes (samenProject.ts's limits).
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { isIsoTime } from './agendaDoc';
import { isEntryId } from './boardEntry';
import { entryLimits } from './entryRules';
import { samenLimits, taskStatuses } from './samenProject';
import {
  fieldsProblem,
  isActor,
  isText,
  newEntry,
  plainFields,
  recordProblem,
  refuse,
  tryUpdate,
  type EntryVerdict,
  type Trial,
} from './updateTrial';
import { isCents, isYear } from './validation';

/** Whether the committee of `kern` may apply `update` to the joint project document `current`. */
export function checkSamenUpdate(
  current: Y.Doc,
  update: Uint8Array,
  kern: string,
  config: GemeenteConfig,
): EntryVerdict {
  return tryUpdate(current, update, samenLayout, samenBefore, (trial, before) =>
    judgeSamen(trial, before, kern, config),
  );
}

const samenEntryMaps = ['tasks', 'orderLines'] as const;
const samenLayout = {
  maps: ['meta', 'kernen', 'invited', 'tasks', 'contributions', 'orderLines', 'quantities'],
  entries: samenEntryMaps,
  limits: entryLimits,
};

interface SamenBefore {
  created: boolean;
  participants: Set<string>;
  invited: Set<string>;
  /** Tasks and order lines: the value and whether it was removed. */
  entries: Map<string, Map<string, { value: unknown; removed: boolean }>>;
}

function samenBefore(doc: Y.Doc): SamenBefore {
  const entries = new Map<string, Map<string, { value: unknown; removed: boolean }>>();
  for (const name of samenEntryMaps) {
    const byId = new Map<string, { value: unknown; removed: boolean }>();
    doc.getMap(name).forEach((value, id) => {
      byId.set(id, { value, removed: value instanceof Y.Map && value.has('removedAt') });
    });
    entries.set(name, byId);
  }
  return {
    created: isIsoTime(doc.getMap('meta').get('createdAt')),
    participants: new Set(doc.getMap('kernen').keys()),
    invited: new Set(doc.getMap('invited').keys()),
    entries,
  };
}

const stamps = {
  createdAt: isIsoTime,
  createdBy: isActor,
  updatedAt: isIsoTime,
  updatedBy: isActor,
  removedAt: (v: unknown) => v === undefined || isIsoTime(v),
  removedBy: (v: unknown) => v === undefined || isActor(v),
};
const metaFields: Record<string, (v: unknown) => boolean> = {
  title: (v) => isText(v, samenLimits.title, true),
  description: (v) => isText(v, samenLimits.description, false),
  kern: (v) => typeof v === 'string',
  createdAt: isIsoTime,
  createdBy: isActor,
  updatedAt: isIsoTime,
  updatedBy: isActor,
};
const metaEditable = ['title', 'description', 'updatedAt', 'updatedBy'];

/** The fields of a task or order line, each with its check; `takesPart` for a task's kern. */
function entryFields(name: string, takesPart: (kern: string) => boolean) {
  const fields: Record<string, (v: unknown) => boolean> =
    name === 'tasks'
      ? {
          title: (v) => isText(v, samenLimits.task, true),
          kern: (v) => typeof v === 'string' && takesPart(v),
          person: (v) => v === undefined || isText(v, samenLimits.person, false),
          status: (v) => (taskStatuses as readonly unknown[]).includes(v),
        }
      : {
          item: (v) => isText(v, samenLimits.item, true),
          unitPriceCents: isCents,
        };
  return { ...fields, ...stamps };
}

function judgeSamen(
  { after, keys, fields }: Trial,
  before: SamenBefore,
  kern: string,
  config: GemeenteConfig,
): EntryVerdict {
  const meta = after.getMap<unknown>('meta');
  const joined = [...after.getMap('kernen').keys()];
  if (!before.created) {
    if (!isIsoTime(meta.get('createdAt')) || meta.get('kern') !== kern || joined.join() !== kern)
      return refuse("the first write must start the project for the writer's own kern");
  } else if (!before.participants.has(kern) && !before.invited.has(kern))
    return refuse("the writer's kern neither takes part nor is invited");
  const takesPart = (k: string) => joined.includes(k);
  const member = takesPart(kern);

  for (const [name, set] of keys)
    for (const key of set) {
      const value = after.getMap<unknown>(name).get(key);
      const problem = samenKeyProblem(name, key, value, {
        before,
        kern,
        member,
        takesPart,
        config,
      });
      if (problem) return refuse(`${name} "${key.slice(0, 80)}": ${problem}`);
    }
  for (const [name, byEntry] of fields)
    for (const [id, subs] of byEntry) {
      const value = after.getMap<unknown>(name).get(id);
      const was = before.entries.get(name)?.get(id);
      let problem: string | null = null;
      if (!member) problem = 'only a kern that takes part changes this';
      else if (!was || value !== was.value || !(value instanceof Y.Map))
        problem = 'a write inside an entry that is not in the project';
      else {
        const fixed = [...subs].find(
          (sub) => sub === null || ['createdAt', 'createdBy'].includes(sub),
        );
        const values = plainFields(value);
        if (fixed !== undefined)
          problem = fixed === null ? 'list content inside an entry' : `field "${fixed}" is fixed`;
        else if (typeof values === 'string') problem = values;
        else if (was.removed && values.removedAt === undefined) problem = 'a removal is undone';
        else problem = fieldsProblem(values, entryFields(name, takesPart));
      }
      if (problem) return refuse(`${name} "${id}": ${problem}`);
    }
  return { ok: true };
}

interface SamenKeyContext {
  before: SamenBefore;
  kern: string;
  member: boolean;
  /** Whether a kern takes part after the update. */
  takesPart: (kern: string) => boolean;
  config: GemeenteConfig;
}

/** Why the writer may not leave `key` of map `name` at `value` (undefined: deleted), or null. */
function samenKeyProblem(
  name: string,
  key: string,
  value: unknown,
  { before, kern, member, takesPart, config }: SamenKeyContext,
): string | null {
  const notMember = 'only a kern that takes part changes this';
  switch (name) {
    case 'kernen':
      if (key !== kern) return "another kern's participation";
      if (value === undefined) return 'taking part is never undone';
      return recordProblem(value, { joinedAt: isIsoTime, by: isActor });
    case 'meta': {
      if (!member) return notMember;
      const allowed = before.created ? metaEditable : Object.keys(metaFields);
      if (!allowed.includes(key)) return `field "${key}" cannot be changed`;
      if (value === undefined) return 'a field of the project is deleted';
      return metaFields[key]!(value) ? null : `field "${key}" is not valid`;
    }
    case 'invited':
      if (!member) return notMember;
      if (!config.kern(key)) return 'an unknown kern is invited';
      if (value === undefined) return 'an invitation is taken back';
      return recordProblem(value, {
        at: isIsoTime,
        by: isActor,
        from: (v) => typeof v === 'string',
      });
    case 'contributions': {
      const [owner, year, ...rest] = key.split(':');
      if (owner !== kern || rest.length) return "another kern's contribution (or malformed)";
      if (!isYear(Number(year)) || String(Number(year)) !== year) return 'not a year';
      if (!member) return notMember;
      if (value === undefined) return null;
      return recordProblem(value, {
        cents: (v) => isCents(v) && v > 0,
        at: isIsoTime,
        by: isActor,
      });
    }
    case 'quantities': {
      const at = key.lastIndexOf(':');
      if (at <= 0 || key.slice(at + 1) !== kern) return "another kern's order (or malformed)";
      if (!isEntryId(key.slice(0, at))) return 'not an order line id';
      if (!member) return notMember;
      if (value === undefined) return null;
      return Number.isInteger(value) &&
        (value as number) > 0 &&
        (value as number) <= samenLimits.quantity
        ? null
        : 'not a quantity';
    }
    default: {
      // tasks, orderLines: a new shared entry.
      if (!member) return notMember;
      if (before.entries.get(name)?.has(key)) return 'an existing entry is replaced or deleted';
      if (!isEntryId(key)) return 'a new entry needs an id as its key';
      return newEntry(value, (f) => fieldsProblem(f, entryFields(name, takesPart)));
    }
  }
}
