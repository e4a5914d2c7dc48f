/**
 * `npm run --silent token -- --data DIR --role ROLE [--kern SLUG] [--name NAME]`
 *
 * Prints exactly one token line on stdout, signed with the secret of DIR (created when the
 * server has not run there yet). Problems go to stderr with exit code 1: an unknown role, a
 * commissie without --kern, an unknown kern, a bad configuration file.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { roles } from '../../src/model/access';
import { ConfigError, defaultConfigPath, loadConfig } from '../config';
import { TokenError, checkClaims, issueToken, loadOrCreateSecret } from '../tokens';

const usage = `usage: npm run --silent token -- --data DIR --role ${roles.join('|')} [--kern SLUG] [--name NAME]`;

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      data: { type: 'string' },
      role: { type: 'string' },
      kern: { type: 'string' },
      name: { type: 'string' },
      config: { type: 'string' },
    },
  });
  if (!values.role) throw new TokenError(`--role is required\n${usage}`);
  const config = loadConfig(values.config ?? process.env.KERNPLEIN_CONFIG ?? defaultConfigPath);
  const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
  const request = { role: values.role, kern: values.kern, name: values.name };
  // Validate before the secret is touched, so a typo does not create a data directory.
  checkClaims({ id: 'check', ...request }, config);
  const secret = loadOrCreateSecret(dataDir);
  process.stdout.write(`${issueToken(secret, request, config)}\n`);
}

try {
  main();
} catch (caught) {
  const error = caught as Error & { code?: string };
  const known =
    error instanceof TokenError ||
    error instanceof ConfigError ||
    error.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`token: ${known ? error.message : String(error.stack ?? error)}\n`);
  process.exit(1);
}
