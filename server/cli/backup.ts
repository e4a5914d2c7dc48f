/**
 * `npm run backup -- --data DIR --to FILE [--force]`
 *
 * Copies the database of DIR to FILE while the server runs (see server/backup.ts), checks
 * the copy and prints what it holds. Problems on stderr, exit 1: no database in DIR, FILE
 * exists (without --force), a damaged or foreign database.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backup } from '../backup';

const usage = 'usage: npm run backup -- --data DIR --to FILE [--force]';

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      data: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (!values.to) throw new BackupError(`--to is required\n${usage}`);
  const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
  const to = resolve(values.to);
  const figures = await backup(dataDir, to, values.force ?? false);
  process.stdout.write(
    `Backup of ${dataDir} written to ${to}: ${figures.rooms} rooms, ${figures.updates} stored updates.\n` +
      'secret.key is not in the backup: keep a copy of it apart, as safely.\n',
  );
}

main().catch((error: Error & { code?: string }) => {
  const known = error instanceof BackupError || error.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`backup: ${known ? error.message : String(error.stack ?? error)}\n`);
  process.exit(1);
});
