/**
 * `DATA_DIR/server.pid`: which process serves a data directory, so that offline tools (the
 * restore CLI) can refuse to swap the database under a running server.
 *
 * The server writes its pid at start and removes the file on an orderly stop. After a crash
 * or SIGKILL the file stays behind; it then names a process that no longer exists and counts
 * as free (a pid reused by an unrelated process would make restore refuse: stop that process
 * or remove the file by hand).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const pidFile = (dataDir: string) => join(dataDir, 'server.pid');

/** The pid of a live server on `dataDir`, or null. */
export function runningServer(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still a live process.
    return (error as { code?: string }).code === 'EPERM' ? pid : null;
  }
}

export function writePidFile(dataDir: string): () => void {
  const file = pidFile(dataDir);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
}
