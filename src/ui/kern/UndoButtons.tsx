/**
 * "Ongedaan maken" and "Opnieuw" for a committee member's own edits (useUndo.ts); disabled
 * while there is nothing to undo or redo. The shortcuts are announced with aria-keyshortcuts.
 */
import type { UndoControls } from './useUndo';

export function UndoButtons({ controls }: { controls: UndoControls }) {
  return (
    <div className="buttons undo-buttons" role="group" aria-label="Je eigen wijzigingen">
      <button
        type="button"
        disabled={!controls.canUndo}
        aria-keyshortcuts="Control+Z Meta+Z"
        onClick={() => controls.undo()}
      >
        Ongedaan maken
      </button>
      <button
        type="button"
        disabled={!controls.canRedo}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
        onClick={() => controls.redo()}
      >
        Opnieuw
      </button>
    </div>
  );
}
