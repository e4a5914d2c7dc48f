/**
 * The relay's per-entry check (src/model/entryRules.ts) against real Y.Docs: honest updates
 * made by the model functions pass; updates made by a replica that edits the document behind
 * the model's back, and updates encoded by hand, are refused.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { Role } from '../../src/model/access';
import type { WriterContext } from '../../src/model/boardEntry';
import { checkEntryUpdate, entryLimits, type BoardKind } from '../../src/model/entryRules';
import {
  addIdea,
  addReaction,
  ideasOf,
  reactionsOf,
  readIdeas,
  setSupport,
  supportKey,
  supportOf,
  updateIdea,
  withdrawIdea,
  withdrawReaction,
} from '../../src/model/ideas';
import { addQuestion, questionsOf, withdrawQuestion } from '../../src/model/questions';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { seeded } from './support/random';
import { fork } from './support/replicas';

const now = '2026-04-01T09:00:00.000Z';
const as = (id: string, role: Role = 'bewoner'): WriterContext => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  role,
  now,
  config,
});
const ans = as('ans');
const bram = as('bram');
const idea = {
  title: 'Bankje bij de kerk',
  text: 'Om even uit te rusten.',
  category: 'voorzieningen',
};

/** The update a replica of `base` produces by `change`: what its client would send. */
function diff(base: Y.Doc, change: (replica: Y.Doc) => void, clientID?: number): Uint8Array {
  const replica = fork(base);
  if (clientID !== undefined) replica.clientID = clientID;
  const before = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

const check = (doc: Y.Doc, update: Uint8Array, id: string, kind: BoardKind = 'ideas') =>
  checkEntryUpdate(doc, update, { id, role: 'bewoner' }, kind);

/** Refused, with a reason that contains `words`. */
function refused(verdict: ReturnType<typeof check>, words: string) {
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toContain(words);
}

/** A board with Ans's idea, a reaction by Ans and Ans's support: the relay's document. */
function board() {
  const doc = new Y.Doc();
  const ideaId = addIdea(doc, idea, ans);
  const reactionId = addReaction(doc, ideaId, 'Goed plan!', ans);
  setSupport(doc, ideaId, true, ans);
  return { doc, ideaId, reactionId };
}

/** A delete set by hand: update format v1 with no structs and one deleted range. */
function deleteUpdate(client: number, clock: number, len = 1): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no struct groups
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1); // one range
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

/** The Yjs item that holds `key` of `map` (its id is what a delete set names). */
const itemOf = (map: Y.Map<unknown>, key: string) => map._map.get(key)!;

describe('honest updates pass', () => {
  it('every write of the ideas model, by a resident and by a committee member', () => {
    const { doc, ideaId, reactionId } = board();
    const steps: [WriterContext, (d: Y.Doc) => void][] = [
      [bram, (d) => addIdea(d, { ...idea, title: 'Jeu de boules', costCents: 150000 }, bram)],
      [ans, (d) => updateIdea(d, ideaId, { title: 'Twee bankjes', costCents: 90000 }, ans)],
      [ans, (d) => updateIdea(d, ideaId, { costCents: null }, ans)],
      [bram, (d) => addReaction(d, ideaId, 'Mee eens', bram)],
      [bram, (d) => setSupport(d, ideaId, true, bram)],
      [bram, (d) => setSupport(d, ideaId, false, bram)],
      [ans, (d) => withdrawReaction(d, reactionId, ans)],
      [ans, (d) => withdrawIdea(d, ideaId, ans)],
      [as('cor', 'commissie'), (d) => addIdea(d, idea, as('cor', 'commissie'))],
    ];
    for (const [who, step] of steps) {
      const update = diff(doc, step);
      expect(update.byteLength).toBeGreaterThan(2);
      expect(check(doc, update, who.id)).toEqual({ ok: true });
      Y.applyUpdate(doc, update);
    }
    expect(
      readIdeas(doc, { includeWithdrawn: true })
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Bankje bij de kerk', 'Jeu de boules', 'Twee bankjes']);
  });

  it("a client's sync step 2: offline work plus its full delete set, and an empty one", () => {
    const { doc, ideaId } = board();
    const device = fork(doc);
    updateIdea(device, ideaId, { title: 'Eerste titel' }, ans);
    updateIdea(device, ideaId, { title: 'Tweede titel' }, ans);
    setSupport(device, ideaId, false, ans);
    const step2 = Y.encodeStateAsUpdate(device, Y.encodeStateVector(doc));
    expect(check(doc, step2, 'ans')).toEqual({ ok: true });
    Y.applyUpdate(doc, step2);
    // Reconnecting later: nothing new, but the whole delete set again.
    expect(check(doc, Y.encodeStateAsUpdate(device, Y.encodeStateVector(doc)), 'ans')).toEqual({
      ok: true,
    });
    // Someone else's device repeating the whole document changes nothing either.
    expect(check(doc, Y.encodeStateAsUpdate(fork(doc)), 'bram')).toEqual({ ok: true });
  });

  it('two devices of one author: concurrent edits, withdraw and support merge in any order', () => {
    const { doc, ideaId } = board();
    const phone = diff(doc, (d) => {
      updateIdea(d, ideaId, { title: 'Van de telefoon' }, ans);
      setSupport(d, ideaId, false, ans);
    });
    const laptop = diff(doc, (d) => {
      updateIdea(d, ideaId, { title: 'Van de laptop' }, ans);
      withdrawIdea(d, ideaId, ans);
      setSupport(d, ideaId, true, ans);
    });
    for (const order of [
      [phone, laptop],
      [laptop, phone],
    ]) {
      const server = fork(doc);
      for (const update of order) {
        expect(check(server, update, 'ans')).toEqual({ ok: true });
        Y.applyUpdate(server, update);
      }
    }
  });

  it('support and a reaction for an idea the author withdrew meanwhile', () => {
    const { doc, ideaId } = board();
    const late = diff(doc, (d) => {
      setSupport(d, ideaId, true, bram);
      addReaction(d, ideaId, 'Jammer', bram);
    });
    Y.applyUpdate(
      doc,
      diff(doc, (d) => withdrawIdea(d, ideaId, ans)),
    );
    expect(check(doc, late, 'bram')).toEqual({ ok: true });
  });

  it('questions: ask and withdraw one of your own', () => {
    const doc = new Y.Doc();
    const ask = diff(doc, (d) => addQuestion(d, 'notice1', 'Hoe lang duurt het?', bram));
    expect(check(doc, ask, 'bram', 'questions')).toEqual({ ok: true });
    Y.applyUpdate(doc, ask);
    const [id] = [...questionsOf(doc).keys()];
    const withdraw = diff(doc, (d) => withdrawQuestion(d, id!, bram));
    expect(check(doc, withdraw, 'bram', 'questions')).toEqual({ ok: true });
  });

  it('leaves the current document untouched', () => {
    const { doc, ideaId } = board();
    const state = Y.encodeStateAsUpdate(doc);
    const names = [...doc.share.keys()];
    check(
      doc,
      diff(doc, (d) => updateIdea(d, ideaId, { title: 'Anders' }, ans)),
      'ans',
    );
    check(
      doc,
      diff(doc, (d) => d.getMap('extra').set('x', 1)),
      'bram',
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    expect([...doc.share.keys()]).toEqual(names);
  });
});

describe("someone else's entries are refused", () => {
  it("editing another's idea title", () => {
    const { doc, ideaId } = board();
    const update = diff(doc, (d) =>
      (ideasOf(d).get(ideaId) as Y.Map<unknown>).set('title', 'Weg ermee'),
    );
    refused(check(doc, update, 'bram'), "someone else's entry is changed");
    // The same write is fine for the author: the refusal is about who, not what.
    expect(check(doc, update, 'ans')).toEqual({ ok: true });
  });

  it("withdrawing another's idea, reaction or question", () => {
    const { doc, ideaId, reactionId } = board();
    const stamp = (mapOf: typeof ideasOf, key: string) =>
      diff(doc, (d) => (mapOf(d).get(key) as Y.Map<unknown>).set('withdrawnAt', now));
    refused(check(doc, stamp(ideasOf, ideaId), 'bram'), "someone else's entry is changed");
    refused(check(doc, stamp(reactionsOf, reactionId), 'bram'), "someone else's entry is changed");

    const questions = new Y.Doc();
    const questionId = addQuestion(questions, 'notice1', 'Waarom?', ans);
    const update = diff(questions, (d) =>
      (questionsOf(d).get(questionId) as Y.Map<unknown>).set('withdrawnAt', now),
    );
    refused(check(questions, update, 'bram', 'questions'), "someone else's entry is changed");
  });

  it("changing authorId: taking over an idea, or giving one's own away", () => {
    const { doc, ideaId } = board();
    const takeOver = diff(doc, (d) =>
      (ideasOf(d).get(ideaId) as Y.Map<unknown>).set('authorId', 'bram'),
    );
    refused(check(doc, takeOver, 'bram'), "someone else's entry is changed");
    refused(check(doc, takeOver, 'ans'), 'field "authorId" cannot be changed');
  });

  it('fields that never change: authorName, createdAt; a reaction text; undoing a withdrawal', () => {
    const { doc, ideaId, reactionId } = board();
    const own = (key: string, value: unknown, map = ideasOf) =>
      diff(doc, (d) => {
        const entry = map(d).get(map === ideasOf ? ideaId : reactionId) as Y.Map<unknown>;
        if (value === undefined) entry.delete(key);
        else entry.set(key, value);
      });
    refused(check(doc, own('authorName', 'Bram'), 'ans'), 'field "authorName" cannot be changed');
    refused(check(doc, own('createdAt', now), 'ans'), 'field "createdAt" cannot be changed');
    refused(
      check(doc, own('text', 'Anders', reactionsOf), 'ans'),
      'field "text" cannot be changed',
    );
    refused(check(doc, own('title', ''), 'ans'), 'title must have');
    refused(check(doc, own('title', undefined), 'ans'), 'title must be a string');
    Y.applyUpdate(
      doc,
      diff(doc, (d) => withdrawIdea(d, ideaId, ans)),
    );
    refused(check(doc, own('withdrawnAt', undefined), 'ans'), 'a withdrawal is undone');
  });

  it('posting an idea in the name of someone else', () => {
    const { doc } = board();
    const update = diff(doc, (d) => addIdea(d, idea, ans));
    refused(check(doc, update, 'bram'), "written in someone else's name");
  });

  it("setting or deleting support under another resident's id", () => {
    const { doc, ideaId } = board();
    const forOther = diff(doc, (d) => supportOf(d).set(supportKey(ideaId, 'cor'), now));
    refused(check(doc, forOther, 'bram'), "the key is someone else's");
    const removeOther = diff(doc, (d) => supportOf(d).delete(supportKey(ideaId, 'ans')));
    refused(check(doc, removeOther, 'bram'), "the key is someone else's");
    const malformed = diff(doc, (d) => supportOf(d).set('bram', now));
    refused(check(doc, malformed, 'bram'), "the key is someone else's (or malformed)");
    const notATime = diff(doc, (d) => supportOf(d).set(supportKey(ideaId, 'bram'), 5));
    refused(check(doc, notATime, 'bram'), 'support must be an ISO time');
  });

  it("deleting another's reaction by a replica, and by a delete set encoded by hand", () => {
    const { doc, reactionId } = board();
    const byReplica = diff(doc, (d) => reactionsOf(d).delete(reactionId));
    refused(check(doc, byReplica, 'bram'), "someone else's entry is replaced or deleted");

    const { client, clock } = itemOf(reactionsOf(doc), reactionId).id;
    const byHand = deleteUpdate(client, clock);
    // The hand-made update really deletes the reaction when applied...
    const copy = fork(doc);
    Y.applyUpdate(copy, byHand);
    expect(reactionsOf(copy).has(reactionId)).toBe(false);
    // ...and the check refuses it (also for the author: entries are withdrawn, not deleted).
    refused(check(doc, byHand, 'bram'), "someone else's entry is replaced or deleted");
    refused(check(doc, byHand, 'ans'), 'an existing entry is replaced or deleted');

    // Deleting one field of it by hand: a write inside someone else's entry.
    const entry = reactionsOf(doc).get(reactionId) as Y.Map<unknown>;
    const field = itemOf(entry, 'text').id;
    refused(check(doc, deleteUpdate(field.client, field.clock), 'bram'), "someone else's entry");
  });

  it('a write that loses against the current value is refused too', () => {
    const { doc, ideaId } = board();
    const stale = fork(doc);
    Y.applyUpdate(
      doc,
      diff(doc, (d) => updateIdea(d, ideaId, { title: 'Nieuw' }, ans), 2 ** 30),
    );
    stale.clientID = 1; // a lower client id loses a concurrent map write in Yjs
    const before = Y.encodeStateVector(stale);
    (ideasOf(stale).get(ideaId) as Y.Map<unknown>).set('title', 'Verloren');
    const update = Y.encodeStateAsUpdate(stale, before);
    const copy = fork(doc);
    Y.applyUpdate(copy, update);
    expect((ideasOf(copy).get(ideaId) as Y.Map<unknown>).get('title')).toBe('Nieuw');
    refused(check(doc, update, 'bram'), "someone else's entry is changed");
  });

  it("a forged client id (the author's) changes nothing: the content decides", () => {
    const { doc, ideaId } = board();
    const update = diff(
      doc,
      (d) => (ideasOf(d).get(ideaId) as Y.Map<unknown>).set('title', 'Vervalst'),
      doc.clientID,
    );
    refused(check(doc, update, 'bram'), "someone else's entry is changed");
  });

  it('replacing an entry by a new map with the same content', () => {
    const { doc, ideaId } = board();
    const update = diff(doc, (d) => {
      const copy = new Y.Map<unknown>();
      ideasOf(d).set(ideaId, copy);
      for (const [k, v] of (ideasOf(doc).get(ideaId) as Y.Map<unknown>).entries()) copy.set(k, v);
    });
    refused(check(doc, update, 'bram'), "someone else's entry is replaced or deleted");
    refused(check(doc, update, 'ans'), 'an existing entry is replaced or deleted');
  });
});

describe('the shape of the document is guarded', () => {
  it('adding a top-level type', () => {
    const { doc } = board();
    refused(
      check(
        doc,
        diff(doc, (d) => d.getMap('extra').set('x', 1)),
        'bram',
      ),
      'creates top-level type "extra"',
    );
    refused(
      check(
        doc,
        diff(doc, (d) => d.getText('notes').insert(0, 'hoi')),
        'bram',
      ),
      'top-level type "notes"',
    );
  });

  it('writing a top-level type of the other board, or list content into a map', () => {
    const questions = new Y.Doc();
    addQuestion(questions, 'notice1', 'Waarom?', ans);
    const ideasInQuestions = diff(questions, (d) => addIdea(d, idea, bram));
    refused(check(questions, ideasInQuestions, 'bram', 'questions'), 'top-level type "ideas"');

    const { doc } = board();
    const evil = new Y.Doc();
    evil.getArray('reactions').insert(0, ['lijst']);
    refused(check(doc, Y.encodeStateAsUpdate(evil), 'bram'), 'list content into "reactions"');
  });

  it('nested types or objects inside a new entry, or an entry that is no map', () => {
    const { doc } = board();
    const withText = diff(doc, (d) => {
      const id = addIdea(d, idea, bram);
      (ideasOf(d).get(id) as Y.Map<unknown>).set('title', new Y.Text('rijk'));
    });
    refused(check(doc, withText, 'bram'), 'field "title" is not a plain value');
    const withObject = diff(doc, (d) => {
      const id = addIdea(d, idea, bram);
      (ideasOf(d).get(id) as Y.Map<unknown>).set('text', { veel: 'data' });
    });
    refused(check(doc, withObject, 'bram'), 'field "text" is not a plain value');
    const plain = diff(doc, (d) => ideasOf(d).set('abc', { authorId: 'bram' }));
    refused(check(doc, plain, 'bram'), 'a new entry must be a map');
    const extra = diff(doc, (d) => {
      const id = addIdea(d, idea, bram);
      (ideasOf(d).get(id) as Y.Map<unknown>).set('score', 100);
    });
    refused(check(doc, extra, 'bram'), 'unknown field score');
  });

  it('a huge number of entries or structs in one update', () => {
    const { doc, ideaId } = board();
    const many = diff(doc, (d) =>
      d.transact(() => {
        for (let i = 0; i <= entryLimits.entries; i++) addReaction(d, ideaId, `Reactie ${i}`, bram);
      }),
    );
    refused(check(doc, many, 'bram'), `(at most ${entryLimits.entries})`);
    const structs = diff(doc, (d) =>
      d.transact(() => {
        const support = supportOf(d);
        for (let i = 0; i <= entryLimits.structs; i++) support.set(`idee${i}:bram`, now);
      }),
    );
    refused(check(doc, structs, 'bram'), `structs (at most ${entryLimits.structs})`);
  });

  it('an update that cannot be decoded', () => {
    const { doc, ideaId } = board();
    refused(check(doc, new Uint8Array([1, 2, 3, 255, 255, 255]), 'bram'), 'cannot be decoded');
    const honest = diff(doc, (d) => setSupport(d, ideaId, true, bram));
    refused(check(doc, honest.slice(0, honest.byteLength - 3), 'bram'), 'cannot be decoded');
    refused(check(doc, new Uint8Array(), 'bram'), 'cannot be decoded');
  });

  it('an update that waits for content the relay lacks, or deletes items it does not have', () => {
    const { doc } = board();
    const device = fork(doc);
    const id = addIdea(device, idea, bram);
    const before = Y.encodeStateVector(device);
    updateIdea(device, id, { title: 'Later' }, bram);
    const second = Y.encodeStateAsUpdate(device, before);
    refused(check(doc, second, 'bram'), 'depends on content the document does not have');
    expect(check(doc, second, 'bram')).toHaveProperty('pending', true);
    // A delete set aimed at Ans's next items: it would wipe what she writes later.
    const ahead = deleteUpdate(doc.clientID, Y.getState(doc.store, doc.clientID) + 5, 50);
    refused(check(doc, ahead, 'bram'), 'depends on content the document does not have');
  });

  it('a writer without an id', () => {
    const { doc, ideaId } = board();
    const update = diff(doc, (d) => setSupport(d, ideaId, true, bram));
    refused(checkEntryUpdate(doc, update, { id: '', role: 'bewoner' }, 'ideas'), 'no id');
  });
});

/**
 * Honest clients must never be refused: a refusal closes the connection for good. Devices
 * (two for Ans and for Bram) work offline with the model functions in random order and sync
 * with the relay's document at random moments; every update they send must pass.
 */
function honestRun(seed: number) {
  const rnd = seeded(seed);
  const server = new Y.Doc();
  const people = ['ans', 'ans', 'bram', 'bram', 'cor', 'els'];
  const devices = people.map((id) => ({
    ctx: as(id, id === 'els' ? 'commissie' : 'bewoner'),
    doc: fork(server),
  }));
  const syncDevice = (device: (typeof devices)[number]) => {
    const update = Y.encodeStateAsUpdate(device.doc, Y.encodeStateVector(server));
    expect(check(server, update, device.ctx.id), `SEED=${seed}`).toEqual({ ok: true });
    Y.applyUpdate(server, update);
    Y.applyUpdate(device.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(device.doc)));
  };
  for (let step = 0; step < 250; step++) {
    const device = rnd.pick(devices);
    const { doc, ctx } = device;
    if (rnd.int(4) === 0) {
      syncDevice(device);
      continue;
    }
    const ideas = readIdeas(doc, { includeWithdrawn: true });
    const own = ideas.filter((i) => i.authorId === ctx.id);
    const ownReactions = ideas.flatMap((i) => i.reactions).filter((r) => r.authorId === ctx.id);
    try {
      switch (rnd.int(7)) {
        case 0:
          addIdea(
            doc,
            { ...idea, title: `Idee ${step}`, costCents: rnd.int(2) ? 100 * step : null },
            ctx,
          );
          break;
        case 1:
          if (own.length)
            updateIdea(doc, rnd.pick(own).id, { title: `Titel ${step}`, costCents: null }, ctx);
          break;
        case 2:
          if (own.length) withdrawIdea(doc, rnd.pick(own).id, ctx);
          break;
        case 3:
          if (ideas.length) addReaction(doc, rnd.pick(ideas).id, `Reactie ${step}`, ctx);
          break;
        case 4:
          if (ownReactions.length) withdrawReaction(doc, rnd.pick(ownReactions).id, ctx);
          break;
        default:
          if (ideas.length) setSupport(doc, rnd.pick(ideas).id, rnd.int(3) > 0, ctx);
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error; // e.g. an idea withdrawn meanwhile
    }
  }
  for (let round = 0; round < 2; round++) for (const device of devices) syncDevice(device);
  return { server, devices };
}

describe('honest clients are never refused (seeded)', () => {
  const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);

  it.each([seed, 1, 2, 3])('random offline work and syncs pass, SEED=%d', (s) => {
    const { server, devices } = honestRun(s);
    const view = readIdeas(server, { includeWithdrawn: true });
    expect(view.length).toBeGreaterThan(5);
    for (const { doc } of devices)
      expect(readIdeas(doc, { includeWithdrawn: true }), `SEED=${s}`).toEqual(view);
    // Support is one per person however many devices gave it.
    for (const i of view) expect(i.support).toBeLessThanOrEqual(4);
  });
});
