/**
 * Invites: a code that lets a kern's committee members join, each getting a commissie token
 * with their own name (the join API, api.ts), made by a beheerder with `npm run invite`.
 *
 * Owns: making codes, looking them up, consuming one use, withdrawing a kern's open invites
 * (when all its tokens are revoked), and the members who joined.
 *
 * Invariants:
 * - A code is 24 nanoid characters (144 random bits: unguessable, and too many to try at
 *   the join API's rate limit). Only its sha256 is stored: a leaked database or backup
 *   cannot be turned into a live code, and a lookup by hash is an exact index match.
 * - `redeem` checks and consumes in one transaction, so two members racing for the last use
 *   cannot both get it, and a refused request consumes nothing.
 * - An invite is for one kern's committee (role commissie); it expires at `expires_at` and
 *   allows `uses` joins.
 */
import { createHash } from 'node:crypto';
import { nanoid } from 'nanoid';
import type { AccessDb } from './accessDb';

export const codeLength = 24;
/** What a code can look like (nanoid's alphabet); anything else is unknown without a lookup. */
export const codePattern = /^[A-Za-z0-9_-]{16,64}$/;

export const inviteLimits = { maxUses: 100, maxDays: 90, defaultUses: 1, defaultDays: 7 };

export type InviteRefusal = 'unknown' | 'expired' | 'used_up';

export interface Invite {
  id: string;
  kern: string;
  uses: number;
  usesLeft: number;
  createdAt: string;
  expiresAt: string;
}

export type InviteLookup = { ok: true; invite: Invite } | { ok: false; refusal: InviteRefusal };

interface InviteRow {
  id: string;
  kern: string;
  uses: number;
  uses_left: number;
  created_at: string;
  expires_at: string;
}

export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

const fromRow = (row: InviteRow): Invite => ({
  id: row.id,
  kern: row.kern,
  uses: row.uses,
  usesLeft: row.uses_left,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export interface InviteRequest {
  kern: string;
  uses: number;
  days: number;
  now: Date;
}

/** Stores a new invite; returns it with its code (the only time the code exists in full). */
export function createInvite(db: AccessDb, request: InviteRequest): Invite & { code: string } {
  const code = nanoid(codeLength);
  const invite: Invite = {
    id: nanoid(),
    kern: request.kern,
    uses: request.uses,
    usesLeft: request.uses,
    createdAt: request.now.toISOString(),
    expiresAt: new Date(request.now.getTime() + request.days * 86_400_000).toISOString(),
  };
  db.prepare(
    `INSERT INTO invites (id, code_hash, kern, uses, uses_left, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    invite.id,
    hashCode(code),
    invite.kern,
    invite.uses,
    invite.usesLeft,
    invite.createdAt,
    invite.expiresAt,
  );
  return { ...invite, code };
}

/** The invite of `code` if it can still be used at `now`, or why not. Consumes nothing. */
export function findInvite(db: AccessDb, code: string, now: Date): InviteLookup {
  if (!codePattern.test(code)) return { ok: false, refusal: 'unknown' };
  const row = db
    .prepare<[string], InviteRow>('SELECT * FROM invites WHERE code_hash = ?')
    .get(hashCode(code));
  if (!row) return { ok: false, refusal: 'unknown' };
  if (row.expires_at <= now.toISOString()) return { ok: false, refusal: 'expired' };
  if (row.uses_left <= 0) return { ok: false, refusal: 'used_up' };
  return { ok: true, invite: fromRow(row) };
}

export interface Member {
  /** The subject of the member's token. */
  subject: string;
  name: string;
}

/**
 * Consumes one use of `code` for `member` and records the member, in one transaction; the
 * same checks as `findInvite` at the moment of consuming. A refusal changes nothing.
 */
export function redeemInvite(db: AccessDb, code: string, member: Member, now: Date): InviteLookup {
  return db
    .transaction((): InviteLookup => {
      const found = findInvite(db, code, now);
      if (!found.ok) return found;
      const { invite } = found;
      db.prepare('UPDATE invites SET uses_left = uses_left - 1 WHERE id = ? AND uses_left > 0').run(
        invite.id,
      );
      db.prepare(
        'INSERT INTO members (subject, kern, name, invite_id, joined_at) VALUES (?, ?, ?, ?, ?)',
      ).run(member.subject, invite.kern, member.name, invite.id, now.toISOString());
      return { ok: true, invite: { ...invite, usesLeft: invite.usesLeft - 1 } };
    })
    .immediate();
}

/** Makes every open invite of `kern` unusable; returns how many there were. */
export function withdrawInvites(db: AccessDb, kern: string, now: Date): number {
  return db
    .prepare('UPDATE invites SET uses_left = 0 WHERE kern = ? AND uses_left > 0 AND expires_at > ?')
    .run(kern, now.toISOString()).changes;
}

export interface MemberRow {
  subject: string;
  kern: string;
  name: string;
  joinedAt: string;
  revoked: boolean;
}

/** The members who joined `kern`'s committee with an invite, oldest first. */
export function listMembers(db: AccessDb, kern: string): MemberRow[] {
  return db
    .prepare<
      [string],
      { subject: string; kern: string; name: string; joined_at: string; revoked: number }
    >(
      `SELECT m.subject, m.kern, m.name, m.joined_at,
         EXISTS (SELECT 1 FROM revocations r WHERE r.subject = m.subject) AS revoked
       FROM members m WHERE m.kern = ? ORDER BY m.joined_at`,
    )
    .all(kern)
    .map((row) => ({
      subject: row.subject,
      kern: row.kern,
      name: row.name,
      joinedAt: row.joined_at,
      revoked: row.revoked === 1,
    }));
}
