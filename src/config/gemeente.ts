/**
 * The configuration of one gemeente: its kernen, themes, budget rules, names and colours.
 *
 * Owns: the shape of the JSON file (validated with valibot at load, with clear errors) and
 * the lookups derived from it. This is the only place that knows which kernen exist; no
 * other module names a kern. A second gemeente deploys with its own file of the same shape.
 *
 * Invariants after `parseGemeenteConfig`: slugs are unique lower-case words; every kern in a
 * shared agenda exists and is in at most one group; theme ids are unique.
 */
import * as v from 'valibot';

const slug = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes'),
);
const colour = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f5f3f'));
const cents = v.pipe(v.number(), v.integer('must be whole euro cents'), v.minValue(0));

const GemeenteSchema = v.object({
  $comment: v.optional(v.string()),
  gemeente: v.object({ slug, name: v.pipe(v.string(), v.nonEmpty()) }),
  app: v.object({
    name: v.pipe(v.string(), v.nonEmpty()),
    shortName: v.pipe(v.string(), v.nonEmpty(), v.maxLength(12, 'at most 12 characters')),
    themeColor: colour,
    backgroundColor: colour,
  }),
  themes: v.pipe(
    v.array(v.object({ id: slug, name: v.pipe(v.string(), v.nonEmpty()) })),
    v.minLength(1, 'at least one theme'),
  ),
  budget: v.object({
    name: v.pipe(v.string(), v.nonEmpty()),
    perKernPerYearCents: cents,
    maxPerInitiativeCents: cents,
    minNewInitiativeShare: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /** Last day (MM-DD) on which a request still counts for that year; later ones count for the next. */
    lastRequestDay: v.pipe(
      v.string(),
      v.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD, like 12-01'),
    ),
  }),
  kernen: v.pipe(
    v.array(
      v.object({
        slug,
        name: v.pipe(v.string(), v.nonEmpty()),
        pilot: v.boolean(),
        committee: v.optional(v.pipe(v.string(), v.nonEmpty())),
      }),
    ),
    v.minLength(1, 'at least one kern'),
  ),
  /** Groups of kernen that share one kernagenda; the first slug names the shared document. */
  sharedAgendas: v.optional(v.array(v.pipe(v.array(slug), v.minLength(2))), []),
});

type Raw = v.InferOutput<typeof GemeenteSchema>;
export type Kern = Raw['kernen'][number];
export type Theme = Raw['themes'][number];
export type BudgetRules = Raw['budget'];

export interface GemeenteConfig extends Raw {
  kern(slug: string): Kern | undefined;
  /** The kernen that write the same kernagenda as `slug` (itself included), in config order. */
  agendaGroup(slug: string): Kern[];
  /** The slug that names the kernagenda document of `slug` (the first of its group). */
  agendaSlug(slug: string): string;
  theme(id: string): Theme | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gemeente configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((x, i) => values.indexOf(x) !== i))];
}

export function parseGemeenteConfig(input: unknown): GemeenteConfig {
  const result = v.safeParse(GemeenteSchema, input);
  if (!result.success) {
    throw new ConfigError(
      result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`),
    );
  }
  const raw = result.output;
  const problems: string[] = [];
  const slugs = raw.kernen.map((k) => k.slug);
  for (const d of duplicates(slugs)) problems.push(`kernen: slug "${d}" appears more than once`);
  for (const d of duplicates(raw.themes.map((t) => t.id)))
    problems.push(`themes: id "${d}" appears more than once`);
  const grouped = raw.sharedAgendas.flat();
  for (const s of grouped)
    if (!slugs.includes(s)) problems.push(`sharedAgendas: unknown kern "${s}"`);
  for (const d of duplicates(grouped))
    problems.push(`sharedAgendas: kern "${d}" is in more than one group`);
  if (raw.budget.maxPerInitiativeCents > raw.budget.perKernPerYearCents)
    problems.push('budget: maxPerInitiativeCents is larger than perKernPerYearCents');
  if (problems.length) throw new ConfigError(problems);

  const bySlug = new Map(raw.kernen.map((k) => [k.slug, k]));
  const themes = new Map(raw.themes.map((t) => [t.id, t]));
  const groupOf = (s: string) => raw.sharedAgendas.find((g) => g.includes(s)) ?? [s];
  return {
    ...raw,
    kern: (s) => bySlug.get(s),
    agendaGroup: (s) => (bySlug.has(s) ? groupOf(s).map((g) => bySlug.get(g)!) : []),
    agendaSlug: (s) => groupOf(s)[0]!,
    theme: (id) => themes.get(id),
  };
}

/** Kernen for a list: pilots first, then by name (Dutch collation). */
export function sortedKernen(config: GemeenteConfig): Kern[] {
  return [...config.kernen].sort(
    (a, b) => Number(b.pilot) - Number(a.pilot) || a.name.localeCompare(b.name, 'nl'),
  );
}
