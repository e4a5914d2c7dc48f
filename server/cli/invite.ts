/**
 * `npm run --silent invite -- --data DIR --kern SLUG [--uses N] [--days D] [--url URL]
 *  [--name-hint NAME]`
 *
 * Makes an invite for the committee of a kern (server/invites.ts) in the database of DIR,
 * also while the server runs there, and prints exactly one line on stdout: the join link,
 * `URL/join/<code>` (URL: the server's public address, default http://localhost:8080). With
 * `--name-hint` the link carries `?naam=NAME`, which only fills in the name field of the join
 * page. What the invite allows goes to stderr, for the person at the keyboard. Problems go to
 * stderr with exit code 1: an unknown kern, --uses or --days not a whole number in range, a
 * bad --url, a DIR that holds no Kernplein data (a typo must not make a new database).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAccessDb } from '../accessDb';
import { ConfigError, defaultConfigPath, loadConfig } from '../config';
import { createInvite, inviteLimits } from '../invites';
import { databaseFile } from '../store';
import { secretFile } from '../tokens';

const usage =
  'usage: npm run --silent invite -- --data DIR --kern SLUG [--uses N] [--days D] [--url URL] [--name-hint NAME]';

class InviteCliError extends Error {
  override name = 'InviteCliError';
}

function whole(flag: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < 1 || value > max)
    throw new InviteCliError(`--${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  return value;
}

function publicUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InviteCliError(`--url must be the server's address, like https://kernplein.nl`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InviteCliError(`--url must start with https:// or http://, got "${text}"`);
  return url;
}

function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      data: { type: 'string' },
      kern: { type: 'string' },
      uses: { type: 'string' },
      days: { type: 'string' },
      url: { type: 'string' },
      'name-hint': { type: 'string' },
      config: { type: 'string' },
    },
  });
  const config = loadConfig(values.config ?? process.env.KERNPLEIN_CONFIG ?? defaultConfigPath);
  if (!values.kern) throw new InviteCliError(`--kern is required\n${usage}`);
  const kern = config.kern(values.kern);
  if (!kern) throw new InviteCliError(`unknown kern "${values.kern}"`);
  const uses = whole('uses', values.uses, inviteLimits.defaultUses, inviteLimits.maxUses);
  const days = whole('days', values.days, inviteLimits.defaultDays, inviteLimits.maxDays);
  const base = publicUrl(values.url ?? 'http://localhost:8080');
  const hint = values['name-hint']?.trim();
  if (values['name-hint'] !== undefined && !hint)
    throw new InviteCliError('--name-hint must not be empty');
  const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
  if (!existsSync(databaseFile(dataDir)) && !existsSync(secretFile(dataDir)))
    throw new InviteCliError(
      `${dataDir} holds no Kernplein data (start the server there once, or check --data)`,
    );

  const db = openAccessDb(dataDir);
  let invite;
  try {
    invite = createInvite(db, { kern: kern.slug, uses, days, now: new Date() });
  } finally {
    db.close();
  }
  const link = new URL(`${base.pathname.replace(/\/+$/, '')}/join/${invite.code}`, base.origin);
  if (hint) link.searchParams.set('naam', hint);
  process.stdout.write(`${link.href}\n`);
  process.stderr.write(
    `Invite for the committee of ${kern.name}: ${uses} ${uses === 1 ? 'use' : 'uses'}, ` +
      `valid until ${invite.expiresAt} (invite id ${invite.id}).\n`,
  );
}

try {
  main();
} catch (error) {
  const e = error as Error & { code?: string };
  const known =
    e instanceof InviteCliError || e instanceof ConfigError || e.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`invite: ${known ? e.message : String(e.stack ?? e)}\n`);
  process.exit(1);
}
