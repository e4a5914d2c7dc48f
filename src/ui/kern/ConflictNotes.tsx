/**
 * Conflicts people understand: when edits made at the same time on two devices merged and
 * one value had to win, say so politely, near the agenda (conflicts.ts writes the words).
 * Each note can be put away ("Begrepen"); the ids put away are kept for this browser tab
 * (sessionStorage), so a note comes back in a new session but does not nag in this one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { readConflicts } from '../../model/conflicts';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
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

export function ConflictNotes({ room }: { room: Room }) {
  const { config } = useServices();
  const read = useCallback((doc: Y.Doc) => readConflicts(doc, { config }), [config]);
  const conflicts = useView(room.doc, read);
  const [dismissed, setDismissed] = useState(() => loadDismissed(room.name));
  const open = conflicts.filter((c) => !dismissed.includes(c.id));
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    // Focus stays near: on the notes while some are left, else on the page's content.
    (document.getElementById('conflicten-title') ?? document.getElementById('inhoud'))?.focus();
  });

  const dismiss = (id: string) => {
    const next = [...dismissed, id];
    setDismissed(next);
    try {
      sessionStorage.setItem(storageKey(room.name), JSON.stringify(next));
    } catch {
      // Private mode or full storage: the note stays away for as long as the page is open.
    }
    refocus.current = true;
  };

  return (
    <div className="no-print">
      <p role="status" className="sr-only">
        {open.length === 1
          ? 'Er is 1 melding over wijzigingen die tegelijk zijn gedaan.'
          : open.length > 1
            ? `Er zijn ${open.length} meldingen over wijzigingen die tegelijk zijn gedaan.`
            : ''}
      </p>
      {open.length > 0 && (
        <section className="notice conflicts" aria-labelledby="conflicten-title">
          <h2 id="conflicten-title" tabIndex={-1}>
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
                  onClick={() => dismiss(c.id)}
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
