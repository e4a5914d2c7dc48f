// Binding a textarea to a point's Y.Text: the typed change, carets moved by others' changes,
// the list buttons, and two people typing in one description over real Y.Docs.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyChanges,
  deltaOf,
  listEdit,
  moveThrough,
  typedChange,
  type DeltaOp,
} from '../../src/ui/kern/descriptionEditing';
import { seeded, type Random } from './support/random';

describe('typedChange', () => {
  it('is null when nothing changed', () => {
    expect(typedChange('abc', 'abc', 1)).toBeNull();
  });

  it('puts an ambiguous insert where the caret is', () => {
    // "a" typed between the two a's of "aa": the caret is at 2 afterwards.
    expect(typedChange('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(typedChange('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(typedChange('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
  });

  it('reads Backspace and Delete at the caret', () => {
    expect(typedChange('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    expect(typedChange('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('replaces a selection by what was pasted over it', () => {
    expect(typedChange('een twee drie', 'een 2 drie', 5)).toEqual({
      index: 4,
      remove: 4,
      insert: '2',
    });
  });

  it('never splits an emoji', () => {
    const before = 'a😀b';
    const after = 'a😃b'; // same high surrogate, other low one
    const change = typedChange(before, after, 3)!;
    expect(change).toEqual({ index: 1, remove: 2, insert: '😃' });
    const insert = typedChange('😀', '😀😀', 4)!;
    expect(insert.insert).toBe('😀');
  });

  it('gives a change that turns any text into any other, wherever the caret is', () => {
    const random = seeded(20260301);
    const letters = ['a', 'b', '\n', '😀', ' '];
    const word = () => Array.from({ length: random.int(8) }, () => random.pick(letters)).join('');
    for (let run = 0; run < 2000; run++) {
      const before = word();
      const after = word();
      const change = typedChange(before, after, random.int(after.length + 2) - 1);
      expect(change ? applyChanges(before, [change]) : before).toBe(after);
    }
  });
});

describe('moveThrough', () => {
  const delta: DeltaOp[] = [{ retain: 2 }, { insert: 'XY' }, { retain: 1 }, { delete: 2 }];
  it('moves a caret by inserts before it and deletes around it', () => {
    expect(moveThrough(0, delta)).toBe(0);
    expect(moveThrough(1, delta)).toBe(1);
    expect(moveThrough(3, delta)).toBe(5);
    expect(moveThrough(4, delta)).toBe(5);
    expect(moveThrough(5, delta)).toBe(5);
    expect(moveThrough(7, delta)).toBe(7);
  });

  it('keeps a caret before an insert at the caret, unless asked to move past it', () => {
    expect(moveThrough(2, delta)).toBe(2);
    expect(moveThrough(2, delta, 'after')).toBe(4);
  });

  it('counts an embed as one', () => {
    expect(moveThrough(1, [{ insert: { image: 'x' } }])).toBe(2);
  });
});

describe('deltaOf and applyChanges', () => {
  it('agree with Y.Text on changes in any order', () => {
    const changes = [
      { index: 6, remove: 1, insert: 'Z' },
      { index: 0, remove: 0, insert: '- ' },
      { index: 3, remove: 2, insert: '' },
    ];
    const text = new Y.Doc().getText();
    text.insert(0, 'abcdefgh');
    text.applyDelta(deltaOf(changes), { sanitize: false });
    expect(applyChanges('abcdefgh', changes)).toBe('- abcfZh');
    expect(text.toString()).toBe('- abcfZh');
  });
});

describe('listEdit', () => {
  const run = (text: string, start: number, end: number, kind: 'opsomming' | 'nummering') => {
    const edit = listEdit(text, start, end, kind);
    const result = applyChanges(text, edit.changes);
    return { result, selection: result.slice(...edit.selection), edit };
  };

  it('starts an opsomming on the caret’s line, the caret staying in its word', () => {
    const { result, edit } = run('Eerst\nbankjes\nklaar', 9, 9, 'opsomming');
    expect(result).toBe('Eerst\n- bankjes\nklaar');
    expect(edit.selection).toEqual([11, 11]);
    expect(edit.changes).toEqual([{ index: 6, remove: 0, insert: '- ' }]);
  });

  it('starts an item on an empty line, with the caret after the marker', () => {
    const { result, edit } = run('Wat we willen:\n', 15, 15, 'opsomming');
    expect(result).toBe('Wat we willen:\n- ');
    expect(edit.selection).toEqual([17, 17]);
    expect(run('', 0, 0, 'nummering').result).toBe('1. ');
  });

  it('marks every non-blank line of a selection, and keeps the selection on the same text', () => {
    const text = 'a\n\nb\nc\nrest';
    const { result, selection } = run(text, 0, 6, 'opsomming');
    expect(result).toBe('- a\n\n- b\n- c\nrest');
    expect(selection).toBe('- a\n\n- b\n- c');
  });

  it('does not take the line after a selection that ends at its start', () => {
    expect(run('a\nb\nc', 0, 4, 'opsomming').result).toBe('- a\n- b\nc');
  });

  it('numbers the lines, going on from a numbered line just above', () => {
    expect(run('x\ny', 0, 3, 'nummering').result).toBe('1. x\n2. y');
    expect(run('1. x\n2. y\nz', 10, 10, 'nummering').result).toBe('1. x\n2. y\n3. z');
  });

  it('turns an opsomming into a numbered list and back', () => {
    const numbered = run('- a\n- b', 0, 7, 'nummering').result;
    expect(numbered).toBe('1. a\n2. b');
    expect(run(numbered, 0, numbered.length, 'opsomming').result).toBe('- a\n- b');
  });

  it('takes the markers off when every line has them already', () => {
    const { result, selection } = run('-  a\n- b', 0, 8, 'opsomming');
    expect(result).toBe('a\nb');
    expect(selection).toBe('a\nb');
    expect(run('1. a', 4, 4, 'nummering').result).toBe('a');
  });

  it('changes nothing that already is right', () => {
    expect(listEdit('- a\nb', 0, 5, 'opsomming').changes).toEqual([
      { index: 4, remove: 0, insert: '- ' },
    ]);
  });
});

/**
 * One person's textarea bound to their replica's Y.Text, as DescriptionEditor binds it:
 * typing writes `typedChange` at once; others' changes are shown with the caret moved.
 */
class Typist {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('description');
  shown = '';
  caret = 0;
  readonly origin = {};

  constructor() {
    this.text.observe((event) => {
      if (this.text.toString() === this.shown) return;
      this.caret = moveThrough(this.caret, event.delta as DeltaOp[]);
      this.shown = this.text.toString();
    });
  }

  private input(after: string, caret: number) {
    const change = typedChange(this.shown, after, caret);
    this.shown = after;
    this.caret = caret;
    if (!change) return;
    this.doc.transact(() => {
      if (change.remove > 0) this.text.delete(change.index, change.remove);
      if (change.insert) this.text.insert(change.index, change.insert);
    }, this.origin);
  }

  type(letter: string) {
    const s = this.shown;
    this.input(s.slice(0, this.caret) + letter + s.slice(this.caret), this.caret + letter.length);
  }

  /** Like a browser: an emoji goes as a whole, a caret never sits inside one. */
  private inPair = (at: number) => /[\uDC00-\uDFFF]/.test(this.shown[at] ?? '');

  backspace() {
    if (this.caret === 0) return;
    const from = this.caret - (this.inPair(this.caret - 1) ? 2 : 1);
    const s = this.shown;
    this.input(s.slice(0, from) + s.slice(this.caret), from);
  }

  moveTo(caret: number) {
    const at = Math.max(0, Math.min(caret, this.shown.length));
    this.caret = this.inPair(at) ? at - 1 : at;
  }
}

/** Two typists whose updates travel with random delays (in order per sender, as a relay). */
function pair(random: Random, start: string) {
  const people = [new Typist(), new Typist()] as const;
  people[0].text.insert(0, start);
  Y.applyUpdate(people[1].doc, Y.encodeStateAsUpdate(people[0].doc));
  for (const p of people) {
    p.shown = p.text.toString();
    p.caret = p.shown.length;
  }
  const queues: Uint8Array[][] = [[], []];
  people.forEach((p, i) =>
    p.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === p.origin) queues[1 - i]!.push(update);
    }),
  );
  const deliver = (to: 0 | 1, all = false) => {
    const queue = queues[to]!;
    const count = all ? queue.length : random.int(queue.length + 1);
    for (const update of queue.splice(0, count)) Y.applyUpdate(people[to].doc, update, 'relay');
  };
  const settle = () => {
    deliver(0, true);
    deliver(1, true);
  };
  return { people, deliver, settle };
}

describe('two people typing in one description', () => {
  const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);

  it(`keeps every keystroke and each person's words together (SEED=${seed})`, () => {
    console.log(`description typing: SEED=${seed}`);
    const random = seeded(seed);
    for (let run = 0; run < 200; run++) {
      const { people, deliver, settle } = pair(random, 'Begin. ');
      const [anna, bram] = people;
      // Both start at the end (the hardest case), or somewhere in the text.
      if (random.int(2)) for (const p of people) p.moveTo(random.int(p.shown.length + 1));
      const words = ['Anna typt hier 😀.', 'Bram typt daar.'];
      const left = words.map((w) => [...w]);
      while (left[0]!.length || left[1]!.length) {
        const who = random.int(2) as 0 | 1;
        const letter = left[who]!.shift();
        if (letter !== undefined) people[who].type(letter);
        deliver(random.int(2) as 0 | 1);
      }
      settle();
      expect(anna.text.toString()).toBe(bram.text.toString());
      for (const p of people) expect(p.shown).toBe(p.text.toString());
      const result = anna.shown;
      expect(result.length).toBe('Begin. '.length + words[0]!.length + words[1]!.length);
      expect(result).toContain(words[0]);
      expect(result).toContain(words[1]);
    }
  });

  it(`stays in step with the text through deletes and caret moves (SEED=${seed})`, () => {
    const random = seeded(seed + 1);
    for (let run = 0; run < 100; run++) {
      const { people, deliver, settle } = pair(random, 'Een\n- twee\n\nDrie');
      for (let step = 0; step < 60; step++) {
        const p = people[random.int(2)]!;
        const action = random.int(10);
        if (action < 6) p.type(random.pick(['a', 'b', '\n', '- ', '😀']));
        else if (action < 8) p.backspace();
        else p.moveTo(random.int(p.shown.length + 1));
        deliver(random.int(2) as 0 | 1);
        for (const q of people) {
          expect(q.shown).toBe(q.text.toString());
          expect(q.caret).toBeGreaterThanOrEqual(0);
          expect(q.caret).toBeLessThanOrEqual(q.shown.length);
        }
      }
      settle();
      expect(people[0].text.toString()).toBe(people[1].text.toString());
      // No lone surrogate anywhere: nobody's emoji was cut in half.
      expect(people[0].shown).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
  });
});
