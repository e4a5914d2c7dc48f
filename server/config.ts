/**
 * Loading the gemeente configuration file for the server and the CLI.
 *
 * Owns: reading the JSON file named by `--config` / `KERNPLEIN_CONFIG` (default: West
 * Betuwe) and turning any problem into one `ConfigError` the caller prints before exiting.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, parseGemeenteConfig, type GemeenteConfig } from '../src/config/gemeente';

export const defaultConfigPath = 'src/config/gemeenten/west-betuwe.json';

export function loadConfig(path: string): GemeenteConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`cannot read ${path}: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${path} is not valid JSON: ${(error as Error).message}`]);
  }
  return parseGemeenteConfig(json);
}

export { ConfigError };
