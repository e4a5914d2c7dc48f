/**
 * `npm run bench [-- --only size,relay,idle,storm,lighthouse]`: every benchmark in one run
 * with its default settings, each printing its own figures; run a script alone
 * (`npx tsx bench/relay.ts --clients 1000`) for other settings. Builds the app first, always
 * for production: a `dist/` left by something else may be another build (`npm run start` from
 * a test, say, builds with the test's NODE_ENV). The benches run one after the other so they
 * do not measure each other.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchKern } from './lib/agenda';
import { cleanup, deadline, repoRoot } from './lib/servers';
import { runSize } from './size';
import { relayOptions, runRelay } from './relay';
import { runIdle } from './idle';
import { runStorm } from './storm';
import { runLighthouse } from './lighthouse';
import { runNetwork } from './network';
import { runLocal } from './local';

const benches = {
  size: async () => {
    runSize();
  },
  // The relay bench's own defaults (`relayOptions`): every client count, 50 writes/s.
  relay: async () => {
    await runRelay(relayOptions([]));
  },
  idle: () => runIdle({ rooms: 2000, unloadAfterMs: 2000 }),
  storm: () => runStorm({ clients: 300, warm: 3 }),
  lighthouse: () => runLighthouse({ runs: 3, paths: ['/', `/kern/${benchKern()}`] }),
  network: () => runNetwork({ edits: 30 }),
  local: () => runLocal({ opens: 5, keystrokes: 30, saves: 5, liveEdits: 490 }),
};
type Bench = keyof typeof benches;

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const chosen = (values.only?.split(',') ?? Object.keys(benches)) as Bench[];
const unknown = chosen.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(
    `Onbekende bench: ${unknown.join(', ')}. Kies uit: ${Object.keys(benches).join(', ')}.`,
  );
  process.exit(2);
}

deadline(45 * 60_000, 'bench');
execFileSync('npx', ['vite', 'build'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
console.log(`# Kernplein bench (${new Date().toISOString()}, node ${process.version})`);
try {
  for (const name of chosen) await benches[name]();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
  process.exit();
}
