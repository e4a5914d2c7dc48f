/**
 * `npx tsx scripts/make-newer-version-fixture.ts`: writes tests/fixtures/kernagenda-newer-version.bin,
 * a kernagenda as a newer Kernplein might write it (tests/unit/forward-compat.test.ts): one
 * point with a field this version does not know (`priority`), a status it does not know
 * ('gepauzeerd'), an extra budget field (`budgetCofunding`), and a top-level map it does
 * not know (`ideaLinks`). Written with plain Yjs, not the model, as the newer version's own
 * model is not this one. A fixed client id keeps the file the same on every run.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';

const doc = new Y.Doc();
doc.clientID = 1633876602;
const at = '2026-11-02T09:00:00.000Z';
doc.transact(() => {
  const point = new Y.Map<unknown>();
  doc.getMap('points').set('nieuwerpunt01', point);
  for (const [key, value] of Object.entries({
    title: 'Speelbos bij de school',
    description: 'Een natuurlijke speelplek.',
    theme: 'openbare-ruimte-en-groen',
    owner: 'samen',
    status: 'gepauzeerd',
    contact: 'Sanne',
    budgetYear: 2027,
    budgetCents: 150000,
    budgetKind: 'nieuw',
    budgetRequestedAt: at,
    budgetCofunding: 'provincie',
    priority: 'hoog',
    createdAt: at,
    createdBy: 'Sanne',
    updatedAt: at,
    updatedBy: 'Sanne',
  }))
    point.set(key, value);
  doc.getMap('budgets').set('2027', 500000);
  doc.getMap('ideaLinks').set('nieuwerpunt01', 'idee-42');
});
const out = new URL('../tests/fixtures/kernagenda-newer-version.bin', import.meta.url);
writeFileSync(out, Y.encodeStateAsUpdate(doc));
console.log(`wrote ${out.pathname}`);
