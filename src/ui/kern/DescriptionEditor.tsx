/**
 * The description field of the point form: a plain <textarea> (light, and it works with
 * every keyboard, phone and screen reader) with two buttons that make lines a list:
 * "Opsomming" and "Genummerde lijst".
 * Structure is plain text (descriptionBlocks.ts): a blank line between paragraphs, "- " or
 * "1. " at the start of a list item.
 *
 * `DescriptionEditor` edits an existing point's description live: it is bound to the
 * point's Y.Text (model/description.ts), every keystroke is one small change written at once
 * (not on "Opslaan"), and what others type appears while you type, your caret and selection
 * moved by their change (descriptionEditing.ts). Writes carry the page's edit context, so
 * they are this person's undo steps and never someone else's; the first change of each
 * editing session (while the form is open) also notes who changed the description
 * (`noteDescriptionEdit`). A description that is still a legacy string, or none, goes
 * through `updatePoint` until that change made it a Y.Text; then the binding takes over.
 * Others' changes show at once, also while an input method composes a word (phones do that
 * for every word): the browser may then end the composition early, but every letter typed
 * so far is already in the text (waiting instead would make the next keystroke's change
 * wrong).
 *
 * `NewDescription` is the same field for a new point: its text is part of the form and is
 * written with the point on "Opslaan".
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { noteDescriptionEdit } from '../../model/activity';
import {
  descriptionText,
  limits,
  updatePoint,
  ValidationError,
  type EditContext,
} from '../../model/kernagenda';
import { useView } from '../hooks/useView';
import {
  applyChanges,
  listEdit,
  moveThrough,
  typedChange,
  type DeltaOp,
  type ListKind,
  type TextChange,
} from './descriptionEditing';

const structureHint =
  'Laat een regel leeg voor een nieuwe alinea. Begin een regel met - voor een opsomming, ' +
  'of met 1. voor een genummerde lijst.';

/** The hint under the label: how to make paragraphs and lists (and, live, when it is saved). */
export const descriptionHint = (live: boolean) =>
  live
    ? `Wijzigingen in de beschrijving worden meteen bewaard, ook zonder Opslaan. Anderen kunnen tegelijk meeschrijven. ${structureHint}`
    : structureHint;

interface FieldProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface LiveProps extends FieldProps {
  doc: Y.Doc;
  pointId: string;
  /** The point's description as last read: shown while it is not (yet) a Y.Text. */
  initial: string;
  /** This person's edit context; its origin is the page's undo origin. */
  editContext(): EditContext;
}

/** Shows `next` in the textarea; with a delta, the selection moves with that change. */
function show(area: HTMLTextAreaElement, next: string, delta?: readonly DeltaOp[]): void {
  if (area.value === next) return;
  const { selectionStart, selectionEnd, selectionDirection, scrollTop } = area;
  const collapsed = selectionStart === selectionEnd;
  const start = delta
    ? moveThrough(selectionStart, delta, collapsed ? 'before' : 'after')
    : Math.min(selectionStart, next.length);
  const end = delta
    ? collapsed
      ? start
      : moveThrough(selectionEnd, delta, 'before')
    : Math.min(selectionEnd, next.length);
  area.value = next;
  area.setSelectionRange(start, Math.max(start, end), selectionDirection ?? undefined);
  area.scrollTop = scrollTop;
}

export function DescriptionEditor({ doc, pointId, initial, editContext, ...field }: LiveProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const read = useCallback((d: Y.Doc) => descriptionText(d, pointId), [pointId]);
  const text = useView(doc, read);
  const noted = useRef(false);
  const [problem, setProblem] = useState('');
  // The text at mount; from then on the binding (not React) sets what the textarea shows.
  const [opened] = useState(() => text?.toString() ?? initial);

  // Show the live text and follow every change to it, ours (already shown) and others'.
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area || !text) return;
    show(area, text.toString());
    const follow = (event: Y.YTextEvent) => show(area, text.toString(), event.delta);
    text.observe(follow);
    return () => text.unobserve(follow);
  }, [text]);

  /** Writes `changes` (last first) to the live text as one step of this person. */
  const commit = (live: Y.Text, changes: readonly TextChange[], ctx: EditContext) =>
    doc.transact(() => {
      if (!noted.current) noteDescriptionEdit(doc, pointId, ctx);
      noted.current = true;
      for (const c of changes) {
        if (c.remove > 0) live.delete(c.index, c.remove);
        if (c.insert) live.insert(c.index, c.insert);
      }
    }, ctx.origin ?? null);

  const write = (changes: readonly TextChange[] | null) => {
    const area = ref.current!;
    try {
      const ctx = editContext();
      const live = descriptionText(doc, pointId);
      if (live && changes) commit(live, changes, ctx);
      else if (live) {
        const change = typedChange(live.toString(), area.value, area.selectionEnd);
        if (change) commit(live, [change], ctx);
      } else {
        // Still a legacy string (or none): the model turns it into a Y.Text and logs it.
        updatePoint(doc, pointId, { description: area.value }, ctx);
        if (descriptionText(doc, pointId)) noted.current = true;
      }
      setProblem('');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      setProblem(Object.values(error.fieldErrors)[0] ?? error.message);
    }
  };

  const makeList = (kind: ListKind) => {
    const area = ref.current!;
    const edit = listEdit(area.value, area.selectionStart, area.selectionEnd, kind);
    area.focus();
    if (edit.changes.length === 0) return;
    if (descriptionText(doc, pointId)?.toString() === area.value) {
      write(edit.changes); // the binding shows it
    } else {
      area.value = applyChanges(area.value, edit.changes);
      write(null);
    }
    area.setSelectionRange(...edit.selection);
  };

  return (
    <>
      <DescriptionArea
        areaRef={ref}
        field={field}
        defaultValue={opened}
        onInput={() => write(null)}
        onList={makeList}
      />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

interface NewProps extends FieldProps {
  value: string;
  onChange(value: string): void;
}

export function NewDescription({ value, onChange, ...field }: NewProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const makeList = (kind: ListKind) => {
    const area = ref.current!;
    const edit = listEdit(area.value, area.selectionStart, area.selectionEnd, kind);
    area.focus();
    if (edit.changes.length === 0) return;
    area.value = applyChanges(area.value, edit.changes);
    area.setSelectionRange(...edit.selection);
    onChange(area.value);
  };
  return (
    <DescriptionArea
      areaRef={ref}
      field={field}
      defaultValue={value}
      onInput={() => onChange(ref.current!.value)}
      onList={makeList}
    />
  );
}

interface AreaProps {
  areaRef: RefObject<HTMLTextAreaElement | null>;
  field: FieldProps;
  defaultValue: string;
  onInput(): void;
  onList(kind: ListKind): void;
}

/** The buttons and the textarea itself; the text is the DOM's (uncontrolled), see above. */
function DescriptionArea({ areaRef, field, defaultValue, onInput, onList }: AreaProps) {
  return (
    <>
      <div className="description-tools" role="group" aria-label="Lijst maken">
        <button type="button" aria-controls={field.id} onClick={() => onList('opsomming')}>
          Opsomming
        </button>
        <button type="button" aria-controls={field.id} onClick={() => onList('nummering')}>
          Genummerde lijst
        </button>
      </div>
      <textarea
        {...field}
        ref={areaRef}
        className="description-input"
        rows={6}
        maxLength={limits.description}
        defaultValue={defaultValue}
        onInput={onInput}
      />
    </>
  );
}
