/**
 * `npm run revoke -- --data DIR (--token TOKEN | --id SUBJECT | --kern SLUG --all | --kern SLUG --list)`
 *
 * Revokes tokens in the database of DIR, also while the server runs there: it refuses them
 * (4401) at their next connection at once and closes their open connections within about a
 * second (server/revocations.ts, server/accessDb.ts).
 * - `--token TOKEN`: that token (checked against DIR's secret first).
 * - `--id SUBJECT`: the token with that subject (`--list` shows the subjects of members).
 * - `--kern SLUG --all`: every commissie token of that kern issued until now, and the kern's
 *   open invites are withdrawn (else a member could join again with an old link). Returns
 *   only after the current second: a token made afterwards is never covered.
 * - `--kern SLUG --list`: the members who joined that kern with an invite, to find an id.
 * Problems go to stderr with exit code 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAccessDb } from '../accessDb';
import { ConfigError, defaultConfigPath, loadConfig } from '../config';
import { listMembers, withdrawInvites } from '../invites';
import { revokeKern, revokeSubject } from '../revocations';
import { TokenError, secretFile, verifyTokenDetails } from '../tokens';

const usage =
  'usage: npm run revoke -- --data DIR (--token TOKEN | --id SUBJECT | --kern SLUG --all | --kern SLUG --list)';

class RevokeCliError extends Error {
  override name = 'RevokeCliError';
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      data: { type: 'string' },
      token: { type: 'string' },
      id: { type: 'string' },
      kern: { type: 'string' },
      all: { type: 'boolean' },
      list: { type: 'boolean' },
      config: { type: 'string' },
    },
  });
  const targets = [values.token, values.id, values.kern].filter((v) => v !== undefined);
  if (targets.length !== 1)
    throw new RevokeCliError(`name exactly one of --token, --id, --kern\n${usage}`);
  if (values.kern !== undefined && values.all === values.list)
    throw new RevokeCliError(`--kern needs --all (revoke) or --list (show members)\n${usage}`);
  if (values.kern === undefined && (values.all || values.list))
    throw new RevokeCliError(`--all and --list go with --kern\n${usage}`);
  const config = loadConfig(values.config ?? process.env.KERNPLEIN_CONFIG ?? defaultConfigPath);
  const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
  // Without a secret no token of this directory can exist: a typo must not make a database.
  if (!existsSync(secretFile(dataDir)))
    throw new RevokeCliError(`${dataDir} holds no Kernplein data (no secret.key; check --data)`);

  let subject: string | null = null;
  let who = '';
  if (values.token !== undefined) {
    const secret = new Uint8Array(readFileSync(secretFile(dataDir)));
    try {
      const { claims } = verifyTokenDetails(secret, values.token.trim(), config);
      subject = claims.id;
      who = ` (${claims.name}, ${claims.role}${claims.kern ? ` ${claims.kern}` : ''})`;
    } catch (error) {
      if (error instanceof TokenError)
        throw new RevokeCliError(`not a token of ${dataDir}: ${error.message}`);
      throw error;
    }
  } else if (values.id !== undefined) {
    if (!/^[\w-]{1,64}$/.test(values.id))
      throw new RevokeCliError(`--id must be a token subject like V1StGXR8_Z5jdHi6B-myT`);
    subject = values.id;
  }
  const kern = values.kern === undefined ? undefined : config.kern(values.kern);
  if (values.kern !== undefined && !kern) throw new RevokeCliError(`unknown kern "${values.kern}"`);

  const db = openAccessDb(dataDir);
  try {
    if (subject !== null) {
      revokeSubject(db, subject, new Date());
      process.stdout.write(`Revoked the token with id ${subject}${who}.\n`);
    } else if (kern && values.list) {
      const members = listMembers(db, kern.slug);
      if (members.length === 0)
        process.stdout.write(`No one joined the committee of ${kern.name} with an invite.\n`);
      for (const m of members)
        process.stdout.write(
          `${m.subject}\t${m.joinedAt}\t${m.name}${m.revoked ? '\t(revoked)' : ''}\n`,
        );
    } else if (kern) {
      const now = new Date();
      const { issuedUntil, withdrawn } = db.transaction(() => ({
        issuedUntil: revokeKern(db, kern.slug, now),
        withdrawn: withdrawInvites(db, kern.slug, now),
      }))();
      // A token issued later in this same second would have the same `iat`: wait it out.
      const wait = (issuedUntil + 1) * 1000 - Date.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      process.stdout.write(
        `Revoked every commissie token of ${kern.name} issued until ${now.toISOString()}; ` +
          `${withdrawn} open ${withdrawn === 1 ? 'invite' : 'invites'} withdrawn.\n`,
      );
    }
  } finally {
    db.close();
  }
}

main().catch((error: Error & { code?: string }) => {
  const known =
    error instanceof RevokeCliError ||
    error instanceof ConfigError ||
    error.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`revoke: ${known ? error.message : String(error.stack ?? error)}\n`);
  process.exit(1);
});
