/**
 * The relay's view of the revocations table (server/revocations.ts) on a real SQLite file:
 * lookups and polls see rows another connection (the revoke CLI) commits, and follow the
 * server when it reopens its connection, as its statements are prepared once per connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openAccessDb, type AccessDb } from '../../server/accessDb';
import { RevocationWatch, revokeKern, revokeSubject } from '../../server/revocations';
import { cleanup, tempDir as dataDir } from '../helpers/server';

const open: AccessDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) if (db.open) db.close();
  await cleanup();
});

function connection(dir: string): AccessDb {
  const db = openAccessDb(dir);
  open.push(db);
  return db;
}

const anna = {
  claims: { id: 'anna', role: 'commissie' as const, name: 'Anna', kern: 'beesd' },
  issuedAt: 1_000,
};
const bert = {
  claims: { id: 'bert', role: 'commissie' as const, name: 'Bert', kern: 'heukelum' },
  issuedAt: 1_000,
};

describe('RevocationWatch', () => {
  it('sees what another connection revokes, in lookups and in polls', () => {
    const dir = dataDir();
    const server = connection(dir);
    const cli = connection(dir);
    revokeSubject(cli, 'old', new Date());
    const watch = new RevocationWatch(() => server);
    // Rows from before the watch started are for lookups only, not for the sweep.
    expect(watch.poll()).toEqual([]);
    expect(watch.isRevoked(anna)).toBe(false);

    revokeSubject(cli, 'anna', new Date());
    expect(watch.isRevoked(anna)).toBe(true);
    expect(watch.isRevoked(bert)).toBe(false);
    const until = revokeKern(cli, 'heukelum', new Date(2_000_000));
    expect(watch.isRevoked(bert)).toBe(true);
    expect(watch.isRevoked({ ...bert, issuedAt: until + 1 })).toBe(false);
    expect(watch.poll().map((r) => r.subject ?? r.kern)).toEqual(['anna', 'heukelum']);
    expect(watch.poll()).toEqual([]);
  });

  it('follows the server to a connection it opened again', () => {
    const dir = dataDir();
    let server = connection(dir);
    const watch = new RevocationWatch(() => server);
    expect(watch.isRevoked(anna)).toBe(false);

    server.close();
    server = connection(dir);
    revokeSubject(connection(dir), 'anna', new Date());
    expect(watch.isRevoked(anna)).toBe(true);
    expect(watch.poll().map((r) => r.subject)).toEqual(['anna']);
  });
});
