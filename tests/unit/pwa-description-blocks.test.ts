// The plain-text structure of a point's description: paragraphs, opsommingen and numbered lists.
import { describe, expect, it } from 'vitest';
import { descriptionBlocks, listItemOf } from '../../src/ui/kern/descriptionBlocks';

describe('descriptionBlocks', () => {
  it('reads nothing from an empty or blank text', () => {
    expect(descriptionBlocks('')).toEqual([]);
    expect(descriptionBlocks(' \n\n \t\n')).toEqual([]);
  });

  it('splits paragraphs at blank lines and keeps a single line break inside one', () => {
    expect(descriptionBlocks('Eerste regel\ntweede regel\n\n  \nNieuwe alinea  ')).toEqual([
      { kind: 'paragraph', text: 'Eerste regel\ntweede regel' },
      { kind: 'paragraph', text: 'Nieuwe alinea' },
    ]);
  });

  it('reads lines that begin with "- ", "* " or "• " as one opsomming', () => {
    expect(descriptionBlocks('Wat we willen:\n- bankjes\n* prullenbakken\n•  bloemen')).toEqual([
      { kind: 'paragraph', text: 'Wat we willen:' },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: ['bankjes', 'prullenbakken', 'bloemen'],
      },
    ]);
  });

  it('reads "1. " and "1) " as a numbered list that starts at its first number', () => {
    expect(descriptionBlocks('3. plan maken\n4) geld vragen\n9. uitvoeren')).toEqual([
      { kind: 'list', ordered: true, start: 3, items: ['plan maken', 'geld vragen', 'uitvoeren'] },
    ]);
  });

  it('ends a list at a line that is no item, with or without a blank line', () => {
    expect(descriptionBlocks('- a\n- b\nGraag voor de zomer.\n\n- c\n\nSlot')).toEqual([
      { kind: 'list', ordered: false, start: 1, items: ['a', 'b'] },
      { kind: 'paragraph', text: 'Graag voor de zomer.' },
      { kind: 'list', ordered: false, start: 1, items: ['c'] },
      { kind: 'paragraph', text: 'Slot' },
    ]);
  });

  it('keeps items separated by blank lines in one list, and starts a new one at a change of kind', () => {
    expect(descriptionBlocks('- a\n\n- b\n1. een\n2. twee\n- c')).toEqual([
      { kind: 'list', ordered: false, start: 1, items: ['a', 'b'] },
      { kind: 'list', ordered: true, start: 1, items: ['een', 'twee'] },
      { kind: 'list', ordered: false, start: 1, items: ['c'] },
    ]);
  });

  it('shows nothing for an item someone is still typing ("- " alone)', () => {
    expect(descriptionBlocks('Tekst\n- ')).toEqual([{ kind: 'paragraph', text: 'Tekst' }]);
    expect(descriptionBlocks('- a\n- \n- b')).toEqual([
      { kind: 'list', ordered: false, start: 1, items: ['a', 'b'] },
    ]);
  });

  it('keeps sentences that only look a little like a list as text', () => {
    for (const line of ['-5 graden in de winter', '2027. Een nieuw jaar', '1.250 euro', '-', '1.'])
      expect(descriptionBlocks(line)).toEqual([{ kind: 'paragraph', text: line }]);
  });

  it('accepts Windows and old Mac line ends, and indented markers', () => {
    expect(descriptionBlocks('Alinea\r\n\r\n  - a\r  - b')).toEqual([
      { kind: 'paragraph', text: 'Alinea' },
      { kind: 'list', ordered: false, start: 1, items: ['a', 'b'] },
    ]);
  });

  it('keeps markup as text (nothing typed is HTML)', () => {
    expect(descriptionBlocks('<b>vet</b>\n- <script>x</script>')).toEqual([
      { kind: 'paragraph', text: '<b>vet</b>' },
      { kind: 'list', ordered: false, start: 1, items: ['<script>x</script>'] },
    ]);
  });
});

describe('listItemOf', () => {
  it('says where an item’s text begins', () => {
    expect(listItemOf('- a')).toEqual({ ordered: false, number: 1, textStart: 2 });
    expect(listItemOf('  12.  b')).toEqual({ ordered: true, number: 12, textStart: 7 });
    expect(listItemOf('tekst')).toBeNull();
  });
});
