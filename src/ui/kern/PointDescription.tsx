/**
 * A point's description as people read it, on its card and on paper: the plain-text
 * structure (descriptionBlocks.ts) as real paragraphs and lists, so a screen reader says
 * "lijst, 3 items". Text only: nothing typed is ever read as markup.
 */
import { useMemo } from 'react';
import { descriptionBlocks } from './descriptionBlocks';

export function PointDescription({ text }: { text: string }) {
  const blocks = useMemo(() => descriptionBlocks(text), [text]);
  if (blocks.length === 0) return null;
  return (
    <div className="point-description">
      {blocks.map((block, i) => {
        if (block.kind === 'paragraph') return <p key={i}>{block.text}</p>;
        const items = block.items.map((item, j) => <li key={j}>{item}</li>);
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      })}
    </div>
  );
}
