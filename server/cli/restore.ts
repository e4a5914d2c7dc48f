/**
 * `npm run restore -- --data DIR --from FILE [--force]`
 *
 * Puts a backup made by `npm run backup` back as the database of DIR (see server/backup.ts).
 * Refused while a server runs on DIR, and without --force when DIR has a database (which is
 * then kept as kernplein.sqlite.before-restore). Problems on stderr, exit 1.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restore } from '../backup';

const usage = 'usage: npm run restore -- --data DIR --from FILE [--force]';

function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (!values.from) throw new BackupError(`--from is required\n${usage}`);
  const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
  const from = resolve(values.from);
  const result = restore(dataDir, from, values.force ?? false);
  process.stdout.write(
    `Restored ${dataDir} from ${from}: ${result.rooms} rooms, ${result.updates} stored updates.\n` +
      (result.keptAs ? `The previous database is kept as ${result.keptAs}.\n` : ''),
  );
}

try {
  main();
} catch (error) {
  const e = error as Error & { code?: string };
  const known = e instanceof BackupError || e.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`restore: ${known ? e.message : String(e.stack ?? e)}\n`);
  process.exit(1);
}
