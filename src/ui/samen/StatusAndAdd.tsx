/**
 * The foot of a joint project's list (tasks, the order): its status line (what was just done,
 * read out by screen readers), then, for a kern that takes part, "… toevoegen" or the form
 * it opens. Opening clears the status; when the form closes its message (if any) becomes the
 * status and focus returns to the button.
 */
import { useState, type ReactNode } from 'react';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';

interface Props {
  message: string;
  setMessage(message: string): void;
  member: boolean;
  /** The id of the button (focus returns to it). */
  addId: string;
  addLabel: string;
  /** The form; `onDone` closes it, with what to say (null: nothing, e.g. cancelled). */
  form(onDone: (done: string | null) => void): ReactNode;
}

export function StatusAndAdd({ message, setMessage, member, addId, addLabel, form }: Props) {
  const [adding, setAdding] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  return (
    <>
      <p role="status" className="samen-done">
        {message}
      </p>
      {member &&
        (adding ? (
          form((done) => {
            setAdding(false);
            if (done) setMessage(done);
            focusAfterRender(addId);
          })
        ) : (
          <button
            type="button"
            id={addId}
            onClick={() => {
              setMessage('');
              setAdding(true);
            }}
          >
            {addLabel}
          </button>
        ))}
    </>
  );
}
