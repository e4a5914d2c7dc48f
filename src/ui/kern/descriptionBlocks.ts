/**
 * The structure of a point's description, read from the plain-text convention its editor
 * uses (DescriptionEditor.tsx): a blank line starts a new paragraph; a line that begins with
 * "- " (or "* ", "• ") is an item of an opsomming, one that begins with "1. " (or "1) ") an
 * item of a numbered list. A line break inside a paragraph stays a line break. Items of one
 * kind that follow each other form one list, with or without blank lines between them; a
 * line that is no item, or an item of the other kind, ends it. No nesting and no other
 * markup: the text reads the same as plain text in the CSV, the history and older versions
 * of the app, and nothing anyone types can break the page.
 */

export type DescriptionBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      /** The number of the first item (1 for an opsomming). */
      readonly start: number;
      readonly items: readonly string[];
    };

export interface ListItem {
  ordered: boolean;
  /** The item's number (1 for an opsomming). */
  number: number;
  /** Where the item's text begins in the line (after the marker and its spaces). */
  textStart: number;
}

const bullet = /^[ \t]*[-*•][ \t]+/;
// At most three digits, so that "2027. Een nieuw jaar" stays a sentence.
const numbered = /^[ \t]*(\d{1,3})[.)][ \t]+/;

/** The list marker at the start of `line`, or null for a line that is no list item. */
export function listItemOf(line: string): ListItem | null {
  const b = bullet.exec(line);
  if (b) return { ordered: false, number: 1, textStart: b[0].length };
  const n = numbered.exec(line);
  if (n) return { ordered: true, number: Number(n[1]), textStart: n[0].length };
  return null;
}

export function descriptionBlocks(text: string): DescriptionBlock[] {
  const blocks: DescriptionBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  const endList = () => {
    if (list && list.items.length > 0) blocks.push({ kind: 'list', ...list });
    list = null;
  };

  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) {
      endParagraph();
      continue;
    }
    const item = listItemOf(line);
    if (!item) {
      endList();
      paragraph.push(line.trim());
      continue;
    }
    endParagraph();
    if (list && list.ordered !== item.ordered) endList();
    list ??= { ordered: item.ordered, start: item.number, items: [] };
    const itemText = line.slice(item.textStart).trim();
    // "- " alone (someone is still typing the item) shows nothing yet.
    if (itemText) list.items.push(itemText);
  }
  endParagraph();
  endList();
  return blocks;
}
