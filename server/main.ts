/**
 * `npm run serve`: flags and environment -> options -> `start()`, plus the lines operators
 * (and test helpers) read on stdout and the signal handling.
 *
 * stdout: `Kernplein draait op http://localhost:<port>` and a hint for a committee token.
 * SIGTERM / SIGINT: close every socket with 1001, compact, close the database, exit 0.
 * A bad flag or configuration file: the problem on stderr, exit 1.
 */
import { networkInterfaces } from 'node:os';
import { relative } from 'node:path';
import { start } from './app';
import { ConfigError } from './config';
import { HelpRequested, OptionsError, helpText, parseOptions, type Options } from './options';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

let options: Options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (error instanceof HelpRequested) {
    process.stdout.write(helpText);
    process.exit(0);
  }
  const known =
    error instanceof ConfigError ||
    error instanceof OptionsError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!known) throw error;
  fail((error as Error).message);
}

const app = await start(options).catch((error: Error & { code?: string }) => {
  if (error.code === 'EADDRINUSE') fail(`Port ${options.port} is already in use (use --port).`);
  throw error;
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

// Handlers first: a supervisor (or a test) may signal as soon as it reads the start line.
const lines: string[] = [];
for (const name of app.demoSeeded)
  lines.push(`Demo: filled the kernagenda of ${name} with example points.`);
if (options.demo && app.demoSeeded.length === 0)
  lines.push('Demo: the pilot kernagenda rooms already have content; nothing added.');
lines.push(`Kernplein draait op ${app.url}`);
if (options.host === '0.0.0.0')
  for (const address of lanAddresses())
    lines.push(`On the local network: http://${address}:${app.port}`);
const pilot = options.config.kernen.find((k) => k.pilot) ?? options.config.kernen[0]!;
const dataDir = relative(process.cwd(), options.dataDir) || '.';
const shownDir = dataDir.startsWith('..') ? options.dataDir : dataDir;
lines.push(
  `Token for a committee member: npm run --silent token -- --data ${shownDir} --role commissie --kern ${pilot.slug}`,
);
// One write, so a reader never sees the first line without the rest.
process.stdout.write(lines.join('\n') + '\n');
