/**
 * The per-entry rules of the inspiratieplein (`plein/inspiratie`, inspiration.ts) for a
 * committee's update; boardRules.ts says which apply when, and lists them (rules 1–3). A
 * project belongs to the kern in its `kern` field, a take-over record to the kern in its key;
 * "own" is the writer's kern or a kern that shares its kernagenda.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { isIsoTime } from './agendaDoc';
import { isEntryId } from './boardEntry';
import { entryLimits } from './entryRules';
import {
  isActor,
  isPlain,
  recordProblem,
  refuse,
  tryUpdate,
  type EntryVerdict,
  type Trial,
} from './updateTrial';

/** Whether the committee of `kern` may apply `update` to the plein document `current`. */
export function checkPleinUpdate(
  current: Y.Doc,
  update: Uint8Array,
  kern: string,
  config: GemeenteConfig,
): EntryVerdict {
  return tryUpdate(current, update, pleinLayout, pleinBefore, (trial, before) =>
    judgePlein(trial, before, ownKern(config, kern)),
  );
}

const pleinLayout = { maps: ['projects', 'takeOvers'], entries: ['projects'], limits: entryLimits };
const projectFixed = ['createdAt', 'createdBy', 'sourceKern', 'sourcePoint'];
const pointIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

interface ProjectBefore {
  value: unknown;
  kern: unknown;
  removed: boolean;
}

function pleinBefore(doc: Y.Doc): Map<string, ProjectBefore> {
  const projects = new Map<string, ProjectBefore>();
  doc.getMap('projects').forEach((value, id) => {
    const map = value instanceof Y.Map ? value : null;
    projects.set(id, { value, kern: map?.get('kern'), removed: !!map?.has('removedAt') });
  });
  return projects;
}

const ownKern = (config: GemeenteConfig, kern: string) => (value: unknown) =>
  typeof value === 'string' &&
  !!config.kern(value) &&
  config.agendaSlug(value) === config.agendaSlug(kern);

/** The values of a project map, when all are plain, or why not. */
function projectValues(map: Y.Map<unknown>): Record<string, unknown> | string {
  if (map._start !== null) return 'list content inside a project';
  const values: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) {
    if (!isPlain(value)) return `field "${key}" is not a plain value`;
    values[key] = value;
  }
  return values;
}

function judgePlein(
  { after, keys, fields }: Trial,
  before: Map<string, ProjectBefore>,
  own: (kern: unknown) => boolean,
): EntryVerdict {
  const projects = after.getMap<unknown>('projects');
  for (const id of keys.get('projects') ?? []) {
    const was = before.get(id);
    const value = projects.get(id);
    let problem: string | null = null;
    if (was && !own(was.kern)) problem = "another kern's project is replaced or deleted";
    else if (value === undefined) problem = 'a project is deleted (it is taken off with removedAt)';
    else if (!was || value !== was.value) {
      if (!isEntryId(id)) problem = 'a new project needs an id as its key';
      else if (!(value instanceof Y.Map)) problem = 'a new project must be a map';
      else {
        const values = projectValues(value);
        if (typeof values === 'string') problem = values;
        else if (!own(values.kern)) problem = "a new project is another kern's";
        else if (!isIsoTime(values.createdAt)) problem = 'a new project needs createdAt';
      }
    }
    if (problem) return refuse(`projects "${id}": ${problem}`);
  }
  for (const [id, subs] of fields.get('projects') ?? []) {
    const was = before.get(id);
    const value = projects.get(id);
    let problem: string | null = null;
    if (!was || value !== was.value || !(value instanceof Y.Map))
      problem = 'a write inside a project that is not on the plein';
    else if (!own(was.kern)) problem = "another kern's project is changed";
    else {
      const fixed = [...subs].find((sub) => sub === null || projectFixed.includes(sub));
      const values = projectValues(value);
      if (fixed !== undefined)
        problem = fixed === null ? 'list content inside a project' : `field "${fixed}" is fixed`;
      else if (typeof values === 'string') problem = values;
      else if (!own(values.kern)) problem = 'the project is moved to another kern';
      else if (was.removed && values.removedAt === undefined) problem = 'a removal is undone';
    }
    if (problem) return refuse(`projects "${id}": ${problem}`);
  }
  const takeOvers = after.getMap<unknown>('takeOvers');
  for (const key of keys.get('takeOvers') ?? []) {
    const at = key.lastIndexOf(':');
    const value = takeOvers.get(key);
    let problem: string | null = null;
    if (at <= 0 || !own(key.slice(at + 1)))
      problem = "the take-over is another kern's (or malformed)";
    else if (value === undefined) problem = 'a take-over is taken back';
    else
      problem = recordProblem(value, {
        pointId: (v) => typeof v === 'string' && pointIdPattern.test(v),
        at: isIsoTime,
        by: isActor,
      });
    if (problem) return refuse(`takeOvers "${key.slice(0, 80)}": ${problem}`);
  }
  return { ok: true };
}
