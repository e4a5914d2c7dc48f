/**
 * "Samen inkopen": the shared order list of a joint project (item, price per piece, how many
 * each kern orders) with the totals per line, per kern and overall, all derived in the model.
 * A kern that takes part adds and removes lines and sets only its own quantities. The order
 * does not count in a kern's budget by itself: a kern that pays its part from the budget sets
 * it as its contribution (jointBudget.ts), so nothing is counted twice; the page says so.
 */
import { useEffect, useRef, useState } from 'react';
import { formatEuro, parseEuro } from '../../model/money';
import { addOrderLine, removeOrderLine, setQuantity, type OrderLine } from '../../model/samen';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { AmountInput, Field } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { useFormErrors } from '../shell/useFormErrors';
import { StatusAndAdd } from './StatusAndAdd';
import type { Samen } from './useSamen';
import { byKernName, kernName } from './words';

const order = ['item', 'unitPrice'] as const;
const fieldId = (key: string) => `bestel-${key}`;
const addId = 'bestelregel-toevoegen';
const pieces = (n: number) => (n === 1 ? '1 stuk' : `${n} stuks`);

function LineForm({ samen, onDone }: { samen: Samen; onDone(message: string | null): void }) {
  const [item, setItem] = useState('');
  const [price, setPrice] = useState('');
  const form = useFormErrors(order, fieldId);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = () => {
    const cents = parseEuro(price);
    // An unreadable price is refused by the model too (with the item's own errors).
    const refused = samen.write((ctx) =>
      addOrderLine(samen.room.doc, { item, unitPriceCents: cents ?? -1 }, ctx),
    );
    if (refused && cents === null) refused.unitPrice = 'Vul een prijs in zoals 1.500 of 49,95.';
    if (!form.show(refused)) onDone(`Toegevoegd aan de bestellijst: ${item.trim()}.`);
  };

  return (
    <FormFrame
      className="point-form"
      headingId="bestel-kop"
      heading="Nieuwe regel op de bestellijst"
      summary={form.summary}
      submitLabel="Toevoegen"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <Field
        {...form.field('item')}
        label="Wat kopen jullie?"
        hint="Bijvoorbeeld: AED-kast, bankje, speeltoestel."
      >
        {(control) => (
          <input
            {...control}
            ref={first}
            type="text"
            aria-required="true"
            value={item}
            onChange={(e) => setItem(e.target.value)}
          />
        )}
      </Field>
      <Field {...form.field('unitPrice')} label="Prijs per stuk (€)">
        {(control) => (
          <AmountInput
            {...control}
            aria-required="true"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        )}
      </Field>
    </FormFrame>
  );
}

/** How many of a line this device's kern orders: a small form per line. */
function OwnQuantity({
  samen,
  line,
  onDone,
}: {
  samen: Samen;
  line: OrderLine;
  onDone(message: string): void;
}) {
  const { config } = useServices();
  const own = line.quantities[samen.kern!] ?? 0;
  const [text, setText] = useState(own ? String(own) : '');
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const name = kernName(config, samen.kern!);
  const id = `aantal-${line.id}`;
  return (
    <form
      className="samen-own"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = text.trim();
        // Anything but digits is refused by the model (a whole number from 0 up).
        const quantity = trimmed === '' ? 0 : /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
        const refused = samen.write((ctx) => setQuantity(samen.room.doc, line.id, quantity, ctx));
        if (refused) {
          setError(Object.values(refused)[0] ?? 'Dit aantal kan niet.');
          input.current?.focus();
          return;
        }
        setError('');
        onDone(`${name} bestelt ${pieces(quantity)}: ${line.item}.`);
      }}
    >
      <Field
        id={id}
        label={
          <>
            Aantal voor {name}
            <span className="sr-only">: {line.item}</span>
          </>
        }
        error={error}
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <button type="submit">
        Opslaan<span className="sr-only">: aantal {line.item}</span>
      </button>
    </form>
  );
}

export function SamenOrder({ samen }: { samen: Samen }) {
  const { config } = useServices();
  const project = samen.project!;
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();
  const kernen = byKernName(config, Object.keys(project.participants));

  return (
    <section aria-labelledby="samen-inkopen">
      <h2 id="samen-inkopen" tabIndex={-1}>
        Samen inkopen
      </h2>
      <p>
        Zet hier wat jullie samen kopen, zoals AED&apos;s, bankjes of speeltoestellen. Elke kern
        vult zelf in hoeveel ze wil. De bestelling telt niet vanzelf mee in het budget: betaalt je
        kern haar deel uit het {config.budget.name}? Zet dat dan bij de bijdrage hierboven.
      </p>
      {project.orderLines.length === 0 && <p>Er staat nog niets op de bestellijst.</p>}
      <ul className="samen-order">
        {project.orderLines.map((line) => (
          <li key={line.id}>
            <article className="samen-line" aria-labelledby={`regel-${line.id}`}>
              <h3 id={`regel-${line.id}`}>{line.item}</h3>
              <dl className="facts">
                <dt>Prijs per stuk</dt>
                <dd>{formatEuro(line.unitPriceCents)}</dd>
                {kernen.map((k) => {
                  const n = line.quantities[k] ?? 0;
                  return [
                    <dt key={`${k}-dt`}>{kernName(config, k)}</dt>,
                    <dd key={`${k}-dd`}>
                      {pieces(n)} ({formatEuro(n * line.unitPriceCents)})
                    </dd>,
                  ];
                })}
                <dt>Totaal</dt>
                <dd>
                  {pieces(line.quantity)} ({formatEuro(line.totalCents)})
                </dd>
              </dl>
              {samen.member && (
                <div className="samen-line-tools">
                  <OwnQuantity samen={samen} line={line} onDone={setMessage} />
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      const refused = samen.write((ctx) =>
                        removeOrderLine(samen.room.doc, line.id, ctx),
                      );
                      setMessage(
                        refused
                          ? (Object.values(refused)[0] ?? 'Dat lukte niet.')
                          : `Van de bestellijst gehaald: ${line.item}.`,
                      );
                      if (!refused) focusAfterRender('samen-inkopen');
                    }}
                  >
                    Van de lijst halen<span className="sr-only">: {line.item}</span>
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
      {project.orderLines.length > 0 && (
        <section className="samen-totals" aria-labelledby="samen-totalen">
          <h3 id="samen-totalen">Totaal per kern</h3>
          <ul>
            {kernen.map((k) => (
              <li key={k}>
                {kernName(config, k)}: {formatEuro(project.orderTotals[k] ?? 0)}
              </li>
            ))}
          </ul>
          <p>
            <strong>Totaal van de bestelling: {formatEuro(project.orderTotalCents)}</strong>
          </p>
        </section>
      )}
      <StatusAndAdd
        message={message}
        setMessage={setMessage}
        member={samen.member}
        addId={addId}
        addLabel="Regel toevoegen"
        form={(onDone) => <LineForm samen={samen} onDone={onDone} />}
      />
    </section>
  );
}
