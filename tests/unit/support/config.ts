/** Test configurations: the real West Betuwe file and the small fixture gemeente. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGemeenteConfig, type GemeenteConfig } from '../../../src/config/gemeente';

const root = new URL('../../../', import.meta.url);

export function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relative, root)), 'utf8'));
}

export const westBetuweRaw = () => readJson('src/config/gemeenten/west-betuwe.json');
export const proefRaw = () => readJson('tests/fixtures/gemeente-proef.json');
export const westBetuwe: GemeenteConfig = parseGemeenteConfig(westBetuweRaw());
export const proef: GemeenteConfig = parseGemeenteConfig(proefRaw());
