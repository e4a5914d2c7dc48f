/**
 * Example content for `--demo`: a realistic kernagenda for one kern, so a pilot evening
 * starts from something to react to rather than an empty screen.
 *
 * Uses only the model's public functions. Knows no kern and no theme by name: themes are
 * taken from the configuration by position and the kern's name from `config.kern(slug)`.
 * Budget requests are sized from the configured rules and dated in the budget year that
 * `now` still counts for, so the example breaks none of the rules. Marks the agenda as an
 * example (the UI shows a banner).
 */
import type * as Y from 'yjs';
import type { GemeenteConfig } from '../src/config/gemeente';
import { budgetYearFor } from '../src/model/budget';
import {
  addPoint,
  markExample,
  type BudgetKind,
  type EditContext,
  type Owner,
  type Status,
} from '../src/model/kernagenda';

interface Example {
  title: string;
  description: string;
  owner: Owner;
  status: Status;
  contact: string;
  budget?: { kind: BudgetKind; size: 'groot' | 'klein' };
}

function examples(kern: string): Example[] {
  return [
    {
      title: 'Bloemen en bankjes op het dorpsplein',
      description: `Het plein in ${kern} is nu vooral stenen. Bewoners willen bloembakken en twee bankjes. Een groep buren zorgt voor het water geven.`,
      owner: 'inwoners',
      status: 'in-uitvoering',
      contact: 'Ans',
      budget: { kind: 'nieuw', size: 'groot' },
    },
    {
      title: 'Pinautomaat terug in het dorp',
      description:
        'De bank komt niet terug. We zoeken met de winkels naar een andere manier om contant geld te halen.',
      owner: 'samen',
      status: 'lukt-niet',
      contact: 'Kees',
    },
    {
      title: 'Ontmoetingsplek in het dorpshuis',
      description:
        'Elke dinsdagochtend koffie voor iedereen. We willen een koffiemachine en een paar nieuwe stoelen.',
      owner: 'samen',
      status: 'in-voorbereiding',
      contact: 'Fatima',
      budget: { kind: 'nieuw', size: 'klein' },
    },
    {
      title: 'Woningen voor starters en ouderen',
      description: `Jongeren en ouderen willen in ${kern} blijven wonen. De gemeente zoekt samen met ons een plek voor kleine woningen.`,
      owner: 'gemeente',
      status: 'in-voorbereiding',
      contact: 'Henk',
    },
    {
      title: `Dorpsfeest ${kern}`,
      description:
        'Het jaarlijkse feest op de eerste zaterdag van september. Dit jaar is er extra geld nodig voor een nieuwe tent.',
      owner: 'inwoners',
      status: 'in-voorbereiding',
      contact: 'Marloes',
      budget: { kind: 'bestaand', size: 'klein' },
    },
    {
      title: 'Betere verlichting op het fietspad',
      description: 'In de winter is het fietspad naar school donker. Er staan nu nieuwe lampen.',
      owner: 'gemeente',
      status: 'gerealiseerd',
      contact: 'Joost',
    },
    {
      title: 'Veilig oversteken bij de provinciale weg',
      description:
        'Kinderen en ouderen steken hier lastig over. We vragen de provincie om een middeneiland.',
      owner: 'provincie',
      status: 'idee',
      contact: 'Sanne',
    },
    {
      title: 'Minder water op straat na hevige regen',
      description:
        'Na een flinke bui staan de lage straten onder water. Het waterschap maakt de sloten dieper.',
      owner: 'waterschap',
      status: 'in-uitvoering',
      contact: 'Pieter',
    },
  ];
}

/** Fills `doc` with about eight example points for `kernSlug` and marks it as an example. */
export function seedDemoAgenda(
  doc: Y.Doc,
  config: GemeenteConfig,
  kernSlug: string,
  now: Date,
): void {
  const kern = config.kern(kernSlug);
  if (!kern) throw new Error(`seedDemoAgenda: unknown kern "${kernSlug}"`);
  const rules = config.budget;
  const budget = rules.perKernPerYearCents;
  const wholeFifty = (cents: number) => Math.floor(cents / 5000) * 5000;
  // At most 30% + 20% for new initiatives and 20% for an existing one: within every rule.
  const amounts: Record<string, number> = {
    'nieuw-groot': wholeFifty(Math.min(rules.maxPerInitiativeCents, budget * 0.3)),
    'nieuw-klein': wholeFifty(Math.min(rules.maxPerInitiativeCents, budget * 0.2)),
    'bestaand-klein': wholeFifty(
      Math.min(
        rules.maxPerInitiativeCents,
        budget * 0.2,
        budget * (1 - rules.minNewInitiativeShare),
      ),
    ),
  };
  const list = examples(kern.name);
  list.forEach((example, i) => {
    // A second apart, in list order, so the agenda reads in this order.
    const ctx: EditContext = {
      actor: 'Voorbeeld',
      now: new Date(now.getTime() - (list.length - i) * 1000).toISOString(),
      config,
    };
    const request = example.budget && {
      year: budgetYearFor(ctx.now, rules),
      amountCents: amounts[`${example.budget.kind}-${example.budget.size}`]!,
      kind: example.budget.kind,
    };
    addPoint(
      doc,
      {
        title: example.title,
        description: example.description,
        theme: config.themes[i % config.themes.length]!.id,
        owner: example.owner,
        status: example.status,
        contact: example.contact,
        budget: request ?? null,
      },
      ctx,
    );
  });
  markExample(doc);
}
