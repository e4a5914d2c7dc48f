/**
 * Revoked tokens: written by `npm run revoke` (another process), read by the relay.
 *
 * Owns: what a revocation covers and the relay's two reads of the table (accessDb.ts says why
 * it is a table in the shared database):
 * - `isRevoked(token)` at every upgrade with a token: an indexed lookup, so a token revoked a
 *   moment ago is refused (4401) at its very next connection;
 * - `poll()` once a second: the rows added since the last poll, so the relay can close the
 *   open connections they cover (4401) within about a second.
 *
 * A revocation names either one token's subject (every token has a unique one: the token CLI
 * and the join API give each a fresh nanoid) or a kern with a time of issue: every commissie
 * token of that kern issued at or before `issuedUntil` (JWT `iat`, whole seconds). Tokens are
 * not stored on the server, so "all of a kern" can only be said by time; the CLI therefore
 * returns only after that second has passed, so no token issued after it is caught.
 */
import type { Claims } from '../src/model/access';
import { isMissingTable, type AccessDb } from './accessDb';

export interface Revocation {
  seq: number;
  subject: string | null;
  kern: string | null;
  issuedUntil: number | null;
}

/** What the relay knows of an open connection's token. */
export interface TokenIdentity {
  claims: Claims;
  /** JWT `iat` in seconds (0 when absent). */
  issuedAt: number;
}

export function covers(revocation: Revocation, token: TokenIdentity): boolean {
  if (revocation.subject !== null) return revocation.subject === token.claims.id;
  return (
    token.claims.role === 'commissie' &&
    token.claims.kern === revocation.kern &&
    token.issuedAt <= (revocation.issuedUntil ?? -1)
  );
}

/** Revokes the token with subject `subject`. */
export function revokeSubject(db: AccessDb, subject: string, now: Date): void {
  db.prepare('INSERT INTO revocations (subject, revoked_at) VALUES (?, ?)').run(
    subject,
    now.toISOString(),
  );
}

/** Revokes every commissie token of `kern` issued up to `now`; returns that second (iat). */
export function revokeKern(db: AccessDb, kern: string, now: Date): number {
  const issuedUntil = Math.floor(now.getTime() / 1000);
  db.prepare('INSERT INTO revocations (kern, issued_until, revoked_at) VALUES (?, ?, ?)').run(
    kern,
    issuedUntil,
    now.toISOString(),
  );
  return issuedUntil;
}

interface RevocationRow {
  seq: number;
  subject: string | null;
  kern: string | null;
  issued_until: number | null;
}

const fromRow = (row: RevocationRow): Revocation => ({
  seq: row.seq,
  subject: row.subject,
  kern: row.kern,
  issuedUntil: row.issued_until,
});

/** The relay's statements on the table, prepared once per connection to the database. */
function prepareQueries(db: AccessDb) {
  return {
    db,
    maxSeq: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM revocations'),
    hit: db.prepare<[string, string | null, number], { hit: number }>(
      `SELECT 1 AS hit FROM revocations
       WHERE subject = ? OR (kern = ? AND issued_until >= ?) LIMIT 1`,
    ),
    since: db.prepare<[number], RevocationRow>(
      'SELECT seq, subject, kern, issued_until FROM revocations WHERE seq > ? ORDER BY seq',
    ),
  };
}

/**
 * The relay's view of the table. `db` is read anew at each call (the server may reopen it);
 * the statements are prepared again only when it did. Preparing one for each lookup cost a
 * connection twice about 9 µs and two native statement objects for the garbage collector.
 */
export class RevocationWatch {
  private lastSeq: number;
  private prepared: ReturnType<typeof prepareQueries> | null = null;

  constructor(private readonly db: () => AccessDb) {
    // Connections opened from now on are checked at their upgrade; only newer rows matter.
    this.lastSeq = this.read(() => this.queries().maxSeq.get()?.seq ?? 0, 0);
  }

  isRevoked(token: TokenIdentity): boolean {
    const { claims } = token;
    const kern = claims.role === 'commissie' ? (claims.kern ?? null) : null;
    return this.read(
      () => this.queries().hit.get(claims.id, kern, token.issuedAt) !== undefined,
      false,
    );
  }

  /** Revocations added since the last poll. */
  poll(): Revocation[] {
    const rows = this.read(() => this.queries().since.all(this.lastSeq), []);
    if (rows.length > 0) this.lastSeq = rows[rows.length - 1]!.seq;
    return rows.map(fromRow);
  }

  private queries() {
    const db = this.db();
    if (this.prepared?.db !== db) this.prepared = prepareQueries(db);
    return this.prepared;
  }

  /** A missing table (a read-only file without the schema) holds no revocations. */
  private read<T>(query: () => T, none: T): T {
    try {
      return query();
    } catch (error) {
      if (isMissingTable(error)) return none;
      throw error;
    }
  }
}
