/**
 * A realistic large kernagenda for the bench, written with the model's own functions:
 * `points` points (addPoint) and then edits up to `edits` in total (updatePoint of titles,
 * statuses, owners and descriptions, on random points), each edit its own update, from a
 * seeded generator so every run builds the same document.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { defaultConfigPath, loadConfig } from '../../server/config';
import { sortedKernen, type GemeenteConfig } from '../../src/config/gemeente';
import {
  addPoint,
  owners,
  statuses,
  updatePoint,
  type EditContext,
} from '../../src/model/kernagenda';
import { isFinished } from '../../src/model/yearView';
import { repoRoot } from '../../tests/helpers/server';
import { seededRandom } from './stats';

/** Unfinished statuses only: every point stays on this year's agenda (yearView.ts), all 200 show. */
const openStatuses = statuses.filter((status) => !isFinished({ status }));

export const benchConfig = (): GemeenteConfig => loadConfig(join(repoRoot, defaultConfigPath));

/** The kern the benches measure: the configuration's first pilot (no kern is named in code). */
export function benchKern(config = benchConfig()): string {
  const kern = sortedKernen(config)[0];
  if (!kern) throw new Error('the configuration has no kernen');
  return kern.slug;
}

export interface AgendaHistory {
  doc: Y.Doc;
  /** One update per edit, in order. */
  updates: Uint8Array[];
  ids: string[];
  titles: Map<string, string>;
}

const words = [
  'bankje',
  'speeltuin',
  'dorpshuis',
  'fietspad',
  'bloembakken',
  'jeu-de-boules',
  'buurtbus',
  'glasvezel',
  'zebrapad',
  'ijsbaan',
  'moestuin',
  'kerkpad',
];

export function agendaHistory(
  config: GemeenteConfig,
  options: { points?: number; edits?: number; seed?: number } = {},
): AgendaHistory {
  const points = options.points ?? 200;
  const edits = options.edits ?? 5000;
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const start = Date.parse('2025-01-06T19:30:00Z');
  let n = 0;
  const ctx = (): EditContext => ({
    actor: pick(['Anna de Vries', 'Kees Bos', 'Fatima El Idrissi', 'Henk Jansen']),
    now: new Date(start + n++ * 60_000).toISOString(),
    config,
  });
  const ids: string[] = [];
  const titles = new Map<string, string>();
  for (let i = 0; i < points; i++) {
    const title = `${pick(words)} ${pick(words)} ${i + 1}`;
    const id = addPoint(
      doc,
      {
        title,
        description:
          `Punt ${i + 1}: bewoners vragen om een ${pick(words)} bij de ${pick(words)}. `.repeat(
            1 + Math.floor(random() * 3),
          ),
        theme: pick(config.themes).id,
        owner: pick(owners),
        status: pick(openStatuses),
        contact: pick(['Ans', 'Kees', 'Marloes', 'Joost']),
        budget:
          i % 10 === 0
            ? { year: 2025, amountCents: 50_000 + (i % 4) * 25_000, kind: 'nieuw' }
            : null,
      },
      ctx(),
    );
    ids.push(id);
    titles.set(id, title);
  }
  // Until `edits` updates in all (an edit that changes nothing writes no update).
  for (let e = points; updates.length < edits; e++) {
    const id = pick(ids);
    const kind = random();
    if (kind < 0.4) {
      const title = `${pick(words)} ${pick(words)} ${e}`;
      updatePoint(doc, id, { title }, ctx());
      titles.set(id, title);
    } else if (kind < 0.7) updatePoint(doc, id, { status: pick(openStatuses) }, ctx());
    else if (kind < 0.85) updatePoint(doc, id, { owner: pick(owners) }, ctx());
    else updatePoint(doc, id, { description: `Bijgewerkt na avond ${e}.` }, ctx());
  }
  return { doc, updates, ids, titles };
}
