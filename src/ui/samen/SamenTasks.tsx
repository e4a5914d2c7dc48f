/**
 * "Wie doet wat": the tasks of a joint project, each with the kern and the person that do
 * it and its status. A kern that takes part adds tasks (a form with its errors in a summary
 * and next to each field; nothing typed is lost), changes a task's status in place and
 * removes a task.
 */
import { useEffect, useRef, useState } from 'react';
import {
  addTask,
  removeTask,
  taskStatuses,
  taskStatusLabels,
  updateTask,
  type TaskStatus,
} from '../../model/samen';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { Field } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { useFormErrors } from '../shell/useFormErrors';
import { useFormValues } from '../shell/useFormValues';
import { StatusAndAdd } from './StatusAndAdd';
import type { Samen } from './useSamen';
import { byKernName, kernName } from './words';

const order = ['title', 'kern', 'person', 'status'] as const;
const fieldId = (key: string) => `taak-${key}`;
const addId = 'taak-toevoegen';

function TaskForm({ samen, onDone }: { samen: Samen; onDone(message: string | null): void }) {
  const { config } = useServices();
  const project = samen.project!;
  const values = useFormValues({
    title: '',
    kern: samen.kern ?? '',
    person: '',
    status: 'te-doen' as TaskStatus,
  });
  const form = useFormErrors(order, fieldId);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { bind } = values;

  const submit = () => {
    const task = values.read();
    const refused = samen.write((ctx) => addTask(samen.room.doc, task, ctx));
    if (!form.show(refused)) onDone(`Taak toegevoegd: ${task.title.trim()}.`);
  };

  return (
    <FormFrame
      className="point-form"
      headingId="taak-kop"
      heading="Nieuwe taak"
      summary={form.summary}
      submitLabel="Toevoegen"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <Field {...form.field('title')} label="Wat moet er gebeuren?">
        {(control) => (
          <input {...control} {...bind('title')} ref={first} type="text" aria-required="true" />
        )}
      </Field>
      <Field {...form.field('kern')} label="Welke kern doet het?">
        {(control) => (
          <select {...control} {...bind('kern')}>
            {byKernName(config, Object.keys(project.participants)).map((k) => (
              <option key={k} value={k}>
                {kernName(config, k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        {...form.field('person')}
        label="Wie doet het? (mag leeg blijven)"
        hint="Een naam of een groep, zoals ‘Ruud’ of ‘de werkgroep groen’."
      >
        {(control) => <input {...control} {...bind('person')} type="text" />}
      </Field>
      <Field {...form.field('status')} label="Status">
        {(control) => (
          <select {...control} {...bind('status')}>
            {taskStatuses.map((s) => (
              <option key={s} value={s}>
                {taskStatusLabels[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormFrame>
  );
}

export function SamenTasks({ samen }: { samen: Samen }) {
  const { config } = useServices();
  const { tasks } = samen.project!;
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();

  return (
    <section aria-labelledby="samen-taken">
      <h2 id="samen-taken" tabIndex={-1}>
        Wie doet wat <span className="count">({tasks.length})</span>
      </h2>
      {tasks.length === 0 && <p>Er zijn nog geen taken.</p>}
      <ul className="samen-tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <article className="samen-task" aria-labelledby={`taak-${task.id}`}>
              <h3 id={`taak-${task.id}`}>{task.title}</h3>
              <p>
                {kernName(config, task.kern)}
                {task.person ? `: ${task.person}` : ''}.{' '}
                {samen.member ? '' : `Status: ${taskStatusLabels[task.status]}.`}
              </p>
              {samen.member && (
                <div className="samen-task-tools">
                  <div className="field">
                    <label htmlFor={`taak-${task.id}-status`}>
                      Status<span className="sr-only"> van {task.title}</span>
                    </label>
                    <select
                      id={`taak-${task.id}-status`}
                      value={task.status}
                      onChange={(e) => {
                        const status = e.target.value as TaskStatus;
                        const refused = samen.write((ctx) =>
                          updateTask(samen.room.doc, task.id, { status }, ctx),
                        );
                        setMessage(
                          refused
                            ? (Object.values(refused)[0] ?? 'Dat lukte niet.')
                            : `Status van ‘${task.title}’: ${taskStatusLabels[status]}.`,
                        );
                      }}
                    >
                      {taskStatuses.map((s) => (
                        <option key={s} value={s}>
                          {taskStatusLabels[s]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      const refused = samen.write((ctx) =>
                        removeTask(samen.room.doc, task.id, ctx),
                      );
                      setMessage(
                        refused
                          ? (Object.values(refused)[0] ?? 'Dat lukte niet.')
                          : `Taak verwijderd: ${task.title}.`,
                      );
                      if (!refused) focusAfterRender('samen-taken');
                    }}
                  >
                    Verwijderen<span className="sr-only">: {task.title}</span>
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
      <StatusAndAdd
        message={message}
        setMessage={setMessage}
        member={samen.member}
        addId={addId}
        addLabel="Taak toevoegen"
        form={(onDone) => <TaskForm samen={samen} onDone={onDone} />}
      />
    </section>
  );
}
