/** The ideas board of a kern (src/model/ideas.ts): ideas, reactions and support. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WriterContext } from '../../src/model/boardEntry';
import {
  addIdea,
  addReaction,
  readIdeas,
  setSupport,
  supportOf,
  updateIdea,
  withdrawIdea,
  withdrawReaction,
  type IdeaInput,
} from '../../src/model/ideas';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

const as = (id: string, now = '2026-04-01T09:00:00.000Z'): WriterContext => ({
  id,
  name: ` ${id[0]!.toUpperCase()}${id.slice(1)} `,
  role: 'bewoner',
  now,
  config,
});
const ans = as('ans');
const bram = as('bram');
const cor = as('cor');
const input = (over: Partial<IdeaInput> = {}): IdeaInput => ({
  title: 'Bankje bij de kerk',
  text: 'Om even uit te rusten.',
  category: 'voorzieningen',
  ...over,
});

function refusal(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return { ...(e as ValidationError).fieldErrors };
  }
  throw new Error('expected a ValidationError');
}

const updatesOf = (doc: Y.Doc, write: () => void) => {
  let count = 0;
  const count1 = () => count++;
  doc.on('update', count1);
  write();
  doc.off('update', count1);
  return count;
};

describe('ideas', () => {
  it('stores an idea as one update, with its author, trimmed texts and optional cost', () => {
    const doc = new Y.Doc();
    let id = '';
    expect(
      updatesOf(doc, () => {
        id = addIdea(doc, input({ title: '  Bankje  ', costCents: 45000 }), ans);
      }),
    ).toBe(1);
    const [idea] = readIdeas(doc);
    expect(idea).toEqual({
      id,
      authorId: 'ans',
      authorName: 'Ans',
      title: 'Bankje',
      text: 'Om even uit te rusten.',
      category: 'voorzieningen',
      costCents: 45000,
      createdAt: ans.now,
      updatedAt: ans.now,
      withdrawn: false,
      withdrawnAt: null,
      support: 0,
      supportedByViewer: false,
      reactions: [],
    });
    expect(Object.isFrozen(idea)).toBe(true);
    expect(Object.isFrozen(readIdeas(doc))).toBe(true);
  });

  it('refuses bad input in Dutch, per field, and writes nothing', () => {
    const doc = new Y.Doc();
    expect(
      refusal(() =>
        addIdea(
          doc,
          input({ title: ' ', text: 'x'.repeat(2001), category: 'ruimtevaart', costCents: 1.5 }),
          ans,
        ),
      ),
    ).toEqual({
      title: 'Vul een titel in.',
      text: 'Maak de uitleg korter: ten hoogste 2000 tekens.',
      category: 'Kies een thema uit de lijst.',
      costCents: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    });
    expect(refusal(() => addIdea(doc, input({ category: '' }), ans))).toEqual({
      category: 'Kies een thema.',
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
  });

  it('lets only the author change or withdraw an idea', () => {
    const doc = new Y.Doc();
    const id = addIdea(doc, input({ costCents: 45000 }), ans);
    expect(refusal(() => updateIdea(doc, id, { title: 'Van mij' }, bram))).toEqual({
      idea: 'Je kunt alleen je eigen idee wijzigen of intrekken.',
    });
    expect(refusal(() => withdrawIdea(doc, id, bram))).toHaveProperty('idea');
    const later = as('ans', '2026-04-02T09:00:00.000Z');
    updateIdea(doc, id, { title: 'Twee bankjes', costCents: null, text: undefined }, later);
    expect(readIdeas(doc)[0]).toMatchObject({
      title: 'Twee bankjes',
      text: 'Om even uit te rusten.',
      costCents: null,
      updatedAt: later.now,
      createdAt: ans.now,
    });
    expect(updatesOf(doc, () => updateIdea(doc, id, { title: 'Twee bankjes' }, later))).toBe(0);
    withdrawIdea(doc, id, later);
    expect(readIdeas(doc)).toEqual([]);
    expect(readIdeas(doc, { includeWithdrawn: true })[0]).toMatchObject({
      withdrawn: true,
      withdrawnAt: later.now,
    });
    expect(refusal(() => updateIdea(doc, id, { title: 'Toch' }, ans))).toEqual({
      idea: 'Dit idee is ingetrokken.',
    });
    expect(refusal(() => updateIdea(doc, 'onbekend', { title: 'x' }, ans))).toEqual({
      idea: 'Dit idee bestaat niet (meer).',
    });
  });

  it('sorts by support or newest first', () => {
    const doc = new Y.Doc();
    const old = addIdea(doc, input({ title: 'Oud' }), as('ans', '2026-01-01T09:00:00.000Z'));
    const mid = addIdea(doc, input({ title: 'Midden' }), as('ans', '2026-02-01T09:00:00.000Z'));
    const young = addIdea(doc, input({ title: 'Nieuw' }), as('ans', '2026-03-01T09:00:00.000Z'));
    for (const who of [bram, cor]) setSupport(doc, old, true, who);
    setSupport(doc, mid, true, bram);
    expect(readIdeas(doc).map((i) => i.id)).toEqual([young, mid, old]);
    expect(readIdeas(doc, { sort: 'nieuw' }).map((i) => i.id)).toEqual([young, mid, old]);
    const bySupport = readIdeas(doc, { sort: 'steun', viewerId: 'cor' });
    expect(bySupport.map((i) => [i.title, i.support, i.supportedByViewer])).toEqual([
      ['Oud', 2, true],
      ['Midden', 1, false],
      ['Nieuw', 0, false],
    ]);
  });
});

describe('reactions', () => {
  it('adds reactions under an idea, oldest first; only the author withdraws one', () => {
    const doc = new Y.Doc();
    const id = addIdea(doc, input(), ans);
    const first = addReaction(doc, id, ' Goed plan ', as('bram', '2026-04-01T10:00:00.000Z'));
    addReaction(doc, id, 'Ik help mee', as('cor', '2026-04-01T11:00:00.000Z'));
    expect(readIdeas(doc)[0]!.reactions.map((r) => [r.authorName, r.text])).toEqual([
      ['Bram', 'Goed plan'],
      ['Cor', 'Ik help mee'],
    ]);
    expect(refusal(() => withdrawReaction(doc, first, ans))).toEqual({
      reaction: 'Je kunt alleen je eigen reactie wijzigen of intrekken.',
    });
    withdrawReaction(doc, first, bram);
    expect(readIdeas(doc)[0]!.reactions.map((r) => r.authorName)).toEqual(['Cor']);
    expect(refusal(() => addReaction(doc, id, '  ', bram))).toEqual({
      text: 'Schrijf eerst je reactie.',
    });
    withdrawIdea(doc, id, ans);
    expect(refusal(() => addReaction(doc, id, 'Te laat', bram))).toEqual({
      idea: 'Dit idee is ingetrokken.',
    });
  });
});

describe('support', () => {
  it('counts a resident once, however often they support', () => {
    const doc = new Y.Doc();
    const id = addIdea(doc, input(), ans);
    setSupport(doc, id, true, bram);
    expect(updatesOf(doc, () => setSupport(doc, id, true, bram))).toBe(0);
    setSupport(doc, id, true, ans);
    expect(readIdeas(doc)[0]!.support).toBe(2);
    setSupport(doc, id, false, bram);
    expect(readIdeas(doc, { viewerId: 'bram' })[0]).toMatchObject({
      support: 1,
      supportedByViewer: false,
    });
    expect(refusal(() => setSupport(doc, 'onbekend', true, bram))).toEqual({
      idea: 'Dit idee bestaat niet (meer).',
    });
  });

  it('is counted once when two offline devices of one resident both support, in any merge order', () => {
    const base = new Y.Doc();
    const id = addIdea(base, input(), ans);
    const phone = fork(base);
    const laptop = fork(base);
    setSupport(phone, id, true, as('bram', '2026-04-01T10:00:00.000Z'));
    setSupport(laptop, id, true, as('bram', '2026-04-01T10:05:00.000Z'));
    setSupport(laptop, id, true, cor);
    const fromPhone = Y.encodeStateAsUpdate(phone, Y.encodeStateVector(base));
    const fromLaptop = Y.encodeStateAsUpdate(laptop, Y.encodeStateVector(base));
    for (const order of [
      [fromPhone, fromLaptop],
      [fromLaptop, fromPhone],
    ]) {
      const server = fork(base);
      for (const update of order) Y.applyUpdate(server, update);
      expect(readIdeas(server)[0]!.support).toBe(2);
      expect([...supportOf(server).keys()].sort()).toEqual([`${id}:bram`, `${id}:cor`]);
    }
    sync(phone, laptop);
    expect(readIdeas(phone)).toEqual(readIdeas(laptop));
    expect(readIdeas(phone, { viewerId: 'bram' })[0]!.supportedByViewer).toBe(true);
  });

  it('is not given to a withdrawn idea, but can still be taken back', () => {
    const doc = new Y.Doc();
    const id = addIdea(doc, input(), ans);
    setSupport(doc, id, true, bram);
    withdrawIdea(doc, id, ans);
    expect(refusal(() => setSupport(doc, id, true, cor))).toEqual({
      idea: 'Dit idee is ingetrokken.',
    });
    setSupport(doc, id, false, bram);
    expect(readIdeas(doc, { includeWithdrawn: true })[0]!.support).toBe(0);
  });
});

describe('the write context', () => {
  it('refuses a context without id, name, role or a UTC clock (a programming error)', () => {
    const doc = new Y.Doc();
    expect(() => addIdea(doc, input(), { ...ans, id: '' })).toThrow(TypeError);
    expect(() => addIdea(doc, input(), { ...ans, name: ' ' })).toThrow(TypeError);
    expect(() => addIdea(doc, input(), { ...ans, role: 'koning' as never })).toThrow(TypeError);
    expect(() => addIdea(doc, input(), { ...ans, now: '1 april' })).toThrow(TypeError);
  });

  it('passes the origin to the transaction', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    addIdea(doc, input(), { ...ans, origin: 'mijn-apparaat' });
    expect(origins).toEqual(['mijn-apparaat']);
  });
});
