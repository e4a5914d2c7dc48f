/**
 * The relay's per-entry check for documents that many people write: a kern's ideas board
 * (ideas.ts) and the questions under the gemeente's notices (questions.ts). Whether one
 * writer's Yjs update may be applied is decided from what it DOES to the document, never from
 * the client ids or clocks in it (a client can forge those).
 *
 * How: the update is applied to a scratch copy of the current document and every map key it
 * touched is judged by the rules below (updateTrial.ts, shared with boardRules.ts, whose
 * boards are owned per kern instead of per person).
 *
 * The rules, the same for every role (moderation is the committee's and lives in the
 * kernagenda document, ideaDecisions.ts; the gemeente answers in `gemeente/berichten`):
 * 1. The update decodes, applies, and leaves nothing pending: structs that wait for missing
 *    ones, or deletions of items the document lacks (which would hit someone's later entries).
 * 2. It creates no new top-level type and writes only the board's own maps (`ideas`,
 *    `reactions`, `support`; or `questions`), and never list content into a map.
 * 3. An entry (idea, reaction, question) may be ADDED under a new id when it is a flat map of
 *    plain values whose `authorId` is the writer's id and whose fields pass the record's
 *    check. An existing entry is never replaced or deleted, by anyone.
 * 4. Inside an existing entry, only the author (its STORED `authorId`) may write, and only the
 *    record's editable fields (an idea: title, text, category, costCents, updatedAt,
 *    withdrawnAt; a reaction or question: withdrawnAt). `authorId`, `authorName` and
 *    `createdAt` never change; a withdrawal is never undone; the result must pass the check.
 * 5. A support key '<ideaId>:<residentId>' may be set (to an ISO time) or deleted only by that
 *    resident. A support or reaction may name an idea the relay has not seen yet (another tab
 *    of the same person may be ahead): harmless, and refusing it would lock out an honest
 *    device, because a refused connection is closed for good (4403).
 * 6. At most `entryLimits.structs` structs and `entryLimits.entries` touched entries per update.
 */
import * as Y from 'yjs';
import type { Role } from './access';
import { isEntryId } from './boardEntry';
import {
  ideaEditable,
  parseSupportKey,
  reactionEditable,
  storedIdeaProblem,
  storedReactionProblem,
  storedSupportProblem,
} from './idea';
import { questionEditable, storedQuestionProblem } from './questions';
import { plainFields, refuse, tryUpdate, type EntryVerdict, type Trial } from './updateTrial';

export type { EntryVerdict } from './updateTrial';
export type BoardKind = 'ideas' | 'questions';
export interface EntryWriter {
  /** The token's subject: entries are owned by it. */
  id: string;
  /** For logs; the rules are the same for every role. */
  role: Role;
}

export const entryLimits = {
  /** Structs in one update: a new idea is about 10, an offline day of one person a few hundred. */
  structs: 5000,
  /** Entries (and support keys) one update may add or change. */
  entries: 200,
};

type MapRule =
  | {
      kind: 'entries';
      editable: readonly string[];
      problem: (fields: Record<string, unknown>) => string | null;
    }
  | {
      kind: 'own-keys';
      owner: (key: string) => string | null;
      /** Why a present value is not acceptable, or null. */
      problem: (value: unknown) => string | null;
    };

const boards: Record<BoardKind, Record<string, MapRule>> = {
  ideas: {
    ideas: { kind: 'entries', editable: ideaEditable, problem: storedIdeaProblem },
    reactions: { kind: 'entries', editable: reactionEditable, problem: storedReactionProblem },
    support: {
      kind: 'own-keys',
      owner: (key) => parseSupportKey(key)?.residentId ?? null,
      problem: storedSupportProblem,
    },
  },
  questions: {
    questions: { kind: 'entries', editable: questionEditable, problem: storedQuestionProblem },
  },
};

/** An entry as it was before the update. */
interface Before {
  value: unknown;
  authorId: unknown;
  withdrawn: boolean;
}

/** Whether `writer` may apply `update` to the board document `current` (see the header). */
export function checkEntryUpdate(
  current: Y.Doc,
  update: Uint8Array,
  writer: EntryWriter,
  kind: BoardKind,
): EntryVerdict {
  const rules = boards[kind];
  if (!rules) return refuse(`unknown board kind ${String(kind)}`);
  if (typeof writer?.id !== 'string' || !writer.id) return refuse('the writer has no id');
  const names = Object.keys(rules);
  const layout = {
    maps: names,
    entries: names.filter((name) => rules[name]!.kind === 'entries'),
    limits: entryLimits,
  };
  return tryUpdate(
    current,
    update,
    layout,
    (doc) => snapshot(doc, rules),
    (trial, before) => judge(trial, before, rules, writer.id),
  );
}

function snapshot(doc: Y.Doc, rules: Record<string, MapRule>): Map<string, Map<string, Before>> {
  const before = new Map<string, Map<string, Before>>();
  for (const [name, rule] of Object.entries(rules)) {
    const entries = new Map<string, Before>();
    if (rule.kind === 'entries')
      doc.getMap(name).forEach((value, key) => {
        const map = value instanceof Y.Map ? value : null;
        entries.set(key, {
          value,
          authorId: map?.get('authorId'),
          withdrawn: !!map?.has('withdrawnAt'),
        });
      });
    before.set(name, entries);
  }
  return before;
}

function judge(
  { after, keys, fields }: Trial,
  before: Map<string, Map<string, Before>>,
  rules: Record<string, MapRule>,
  writerId: string,
): EntryVerdict {
  for (const [name, set] of keys) {
    const rule = rules[name]!;
    const map = after.getMap<unknown>(name);
    for (const key of set) {
      const problem =
        rule.kind === 'own-keys'
          ? ownKeyProblem(rule, key, map, writerId)
          : newEntryProblem(rule, key, map.get(key), before.get(name)!.get(key), writerId);
      if (problem) return refuse(`${name} "${key.split(':')[0]}": ${problem}`);
    }
  }
  for (const [name, byEntry] of fields) {
    const rule = rules[name]!;
    if (rule.kind !== 'entries') continue; // (tryUpdate refuses writes inside other values)
    const map = after.getMap<unknown>(name);
    for (const [key, subs] of byEntry) {
      const problem = editProblem(rule, map.get(key), before.get(name)!.get(key), subs, writerId);
      if (problem) return refuse(`${name} "${key}": ${problem}`);
    }
  }
  return { ok: true };
}

function ownKeyProblem(
  rule: Extract<MapRule, { kind: 'own-keys' }>,
  key: string,
  map: Y.Map<unknown>,
  writerId: string,
): string | null {
  if (rule.owner(key) !== writerId) return "the key is someone else's (or malformed)";
  // Deleting one's own key is fine; a key that is present must hold a valid value.
  return map.has(key) ? rule.problem(map.get(key)) : null;
}

function newEntryProblem(
  rule: Extract<MapRule, { kind: 'entries' }>,
  key: string,
  value: unknown,
  was: Before | undefined,
  writerId: string,
): string | null {
  if (was)
    return was.authorId === writerId
      ? 'an existing entry is replaced or deleted (entries are changed field by field)'
      : "someone else's entry is replaced or deleted";
  if (!isEntryId(key)) return 'a new entry needs an id as its key';
  if (!(value instanceof Y.Map)) return 'a new entry must be a map';
  const fields = plainFields(value);
  if (typeof fields === 'string') return fields;
  if (fields.authorId !== writerId) return "a new entry is written in someone else's name";
  return rule.problem(fields);
}

function editProblem(
  rule: Extract<MapRule, { kind: 'entries' }>,
  value: unknown,
  was: Before | undefined,
  subs: Set<string | null>,
  writerId: string,
): string | null {
  if (!was || value !== was.value || !(value instanceof Y.Map))
    return 'a write inside an entry that is not on the board';
  if (was.authorId !== writerId) return "someone else's entry is changed";
  for (const sub of subs) {
    if (sub === null) return 'list content inside an entry';
    if (!rule.editable.includes(sub)) return `field "${sub}" cannot be changed`;
  }
  const fields = plainFields(value);
  if (typeof fields === 'string') return fields;
  if (was.withdrawn && fields.withdrawnAt === undefined) return 'a withdrawal is undone';
  return rule.problem(fields);
}
