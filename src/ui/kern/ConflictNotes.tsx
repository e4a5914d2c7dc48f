/**
 * Conflicts people understand: when edits made at the same time on two devices merged and
 * one value had to win, say so politely, near the agenda (conflicts.ts writes the words).
 * Beside them, for the committee: the budget rules that the merge broke although this
 * device's agenda kept them ("Budget na het samenvoegen"), from the agenda the sync layer
 * kept from just before the others' edits came in (room.mergeBase, budgetMerge.ts), for as
 * long as the rule stays broken.
 * Each note can be put away ("Begrepen"); the ids put away are kept for this browser tab
 * (sessionStorage), so a note comes back in a new session but does not nag in this one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { mergeWarningKey, remainingMergeWarnings } from '../../model/budgetMerge';
import { readConflicts } from '../../model/conflicts';
import { readKernagenda } from '../../model/kernagenda';
import { parseRoom } from '../../model/rooms';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';

const storageKey = (room: string) => `kernplein:conflicten-begrepen:${room}`;

function loadDismissed(room: string): string[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey(room)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

const readNothing = () => null;
const conflictsTitle = 'conflicten-title';
const mergeTitle = 'samenvoegen-title';

/** The budget warnings of the latest merge that still hold, for those who may edit. */
function useMergeWarnings(room: Room) {
  const { config, registry } = useServices();
  const base = useStore(room.mergeBase);
  useStore(registry.access);
  const canEdit = registry.writerFor(room.name) !== null;
  // The agenda is read only while there is a merge to compare it with.
  const agenda = useView(room.doc, base && canEdit ? readKernagenda : readNothing);
  const parsed = parseRoom(room.name, config);
  const kernCount = parsed?.kind === 'agenda' ? config.agendaGroup(parsed.kern).length : 1;
  return useMemo(() => {
    if (!base || !agenda) return [];
    return remainingMergeWarnings(
      [base.before],
      base.after ?? agenda,
      agenda,
      config,
      kernCount,
    ).map((w) => ({ ...w, id: `${base.id}:${mergeWarningKey(w)}` }));
  }, [base, agenda, config, kernCount]);
}

export function ConflictNotes({ room }: { room: Room }) {
  const { config } = useServices();
  const read = useCallback((doc: Y.Doc) => readConflicts(doc, { config }), [config]);
  const conflicts = useView(room.doc, read);
  const warnings = useMergeWarnings(room);
  const [dismissed, setDismissed] = useState(() => loadDismissed(room.name));
  const open = conflicts.filter((c) => !dismissed.includes(c.id));
  const openWarnings = warnings.filter((w) => !dismissed.includes(w.id));
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (!refocus.current) return;
    const near = refocus.current;
    refocus.current = null;
    // Focus stays near: on the notes of the same kind while some are left, else on the other
    // notes, else on the page's content.
    const other = near === mergeTitle ? conflictsTitle : mergeTitle;
    (
      document.getElementById(near) ??
      document.getElementById(other) ??
      document.getElementById('inhoud')
    )?.focus();
  });

  const dismiss = (id: string, near: string) => {
    const next = [...dismissed, id];
    setDismissed(next);
    try {
      sessionStorage.setItem(storageKey(room.name), JSON.stringify(next));
    } catch {
      // Private mode or full storage: the note stays away for as long as the page is open.
    }
    refocus.current = near;
  };

  // Not in the page's copy (data-now): it shows once the document has loaded, put-away notes
  // per browser tab.
  return (
    <div className="no-print" data-now>
      <p role="status" className="sr-only">
        {open.length === 1
          ? 'Er is 1 melding over wijzigingen die tegelijk zijn gedaan.'
          : open.length > 1
            ? `Er zijn ${open.length} meldingen over wijzigingen die tegelijk zijn gedaan.`
            : ''}
      </p>
      <p role="status" className="sr-only">
        {openWarnings.length === 1
          ? 'Er is 1 melding over het budget na het samenvoegen.'
          : openWarnings.length > 1
            ? `Er zijn ${openWarnings.length} meldingen over het budget na het samenvoegen.`
            : ''}
      </p>
      {openWarnings.length > 0 && (
        <section className="warning merge-warnings" aria-labelledby={mergeTitle}>
          <h2 id={mergeTitle} tabIndex={-1}>
            Budget na het samenvoegen
          </h2>
          <p>
            Wat op dit apparaat stond, paste binnen de regels van het {config.budget.name}. Kijk
            samen wat er moet veranderen.
          </p>
          <ul className="conflict-list">
            {openWarnings.map((w) => (
              <li key={w.id}>
                <p>{w.message}</p>
                <button
                  type="button"
                  aria-label="Begrepen: melding over het budget verbergen"
                  onClick={() => dismiss(w.id, mergeTitle)}
                >
                  Begrepen
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open.length > 0 && (
        <section className="notice conflicts" aria-labelledby={conflictsTitle}>
          <h2 id={conflictsTitle} tabIndex={-1}>
            Tegelijk gewijzigd
          </h2>
          <p>
            Soms wijzigen twee mensen hetzelfde terwijl ze geen verbinding hebben. Kernplein bewaart
            dan één waarde. Kijk of die klopt.
          </p>
          <ul className="conflict-list">
            {open.map((c) => (
              <li key={c.id}>
                <p>{c.message}</p>
                <button
                  type="button"
                  aria-label="Begrepen: melding verbergen"
                  onClick={() => dismiss(c.id, conflictsTitle)}
                >
                  Begrepen
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
