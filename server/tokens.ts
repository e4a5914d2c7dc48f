/**
 * Session tokens: issuing (the token CLI, the join and resident APIs) and verifying (the relay)
 * signed JWTs. A token expires only when it was issued with `validForSeconds` (a resident
 * session: one year); the relay then refuses it after that (4401).
 *
 * Owns: the secret in `DATA_DIR/secret.key` (32 random bytes, mode 0600, created by whichever
 * of server or CLI runs first; creation is exclusive so two starters cannot race) and the
 * mapping from verified JWT claims to the model's `Claims`.
 *
 * Invariants: tokens are HS256 only; a verified token always has a known role, a commissie
 * always a known kern, any kern it names exists in the configuration. Tokens are never
 * logged; errors say what is wrong, never the token.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSigner, createVerifier } from 'fast-jwt';
import { customAlphabet } from 'nanoid';
import type { GemeenteConfig } from '../src/config/gemeente';
import { roles, type Claims, type Role } from '../src/model/access';

const secretBytes = 32;

export const defaultNames: Record<Role, string> = {
  bewoner: 'Bewoner',
  commissie: 'Commissielid',
  gemeente: 'Gemeente',
  beheerder: 'Beheerder',
};

export class TokenError extends Error {
  override name = 'TokenError';
}

export const secretFile = (dataDir: string) => join(dataDir, 'secret.key');

/** Reads the secret of `dataDir`, creating it (0600) when it does not exist yet. */
export function loadOrCreateSecret(dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true });
  const file = secretFile(dataDir);
  try {
    writeFileSync(file, randomBytes(secretBytes), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = new Uint8Array(readFileSync(file));
  if (secret.length !== secretBytes)
    throw new TokenError(`${file} must hold exactly ${secretBytes} bytes`);
  return secret;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Checks role and kern against the configuration; returns the claims or throws TokenError. */
export function checkClaims(
  input: { id: string; role: unknown; name?: unknown; kern?: unknown },
  config: GemeenteConfig,
): Claims {
  const { id, role, name, kern } = input;
  if (!isRole(role)) throw new TokenError(`unknown role "${String(role)}"`);
  if (kern !== undefined && (typeof kern !== 'string' || !config.kern(kern)))
    throw new TokenError(`unknown kern "${String(kern)}"`);
  if (role === 'commissie' && kern === undefined)
    throw new TokenError('a commissie token needs a kern');
  if (name !== undefined && (typeof name !== 'string' || !name.trim()))
    throw new TokenError('name must be a non-empty string');
  const claims: Claims = { id, role, name: name ?? defaultNames[role] };
  if (kern !== undefined) claims.kern = kern;
  return claims;
}

/**
 * A fresh token subject: 21 characters of nanoid's alphabet without `-` (125 random bits).
 * A beheerder copies it from `revoke --list` to `revoke --id`, and a command line takes an
 * argument that begins with `-` for an option: with nanoid's own alphabet one subject in 64
 * could not be revoked that way.
 */
export const newSubject = customAlphabet(
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
  21,
);

/** `make(key)` once per secret, kept while the secret is. */
function perSecret<T>(make: (key: Buffer) => T): (secret: Uint8Array) => T {
  const made = new WeakMap<Uint8Array, T>();
  return (secret) => {
    let value = made.get(secret);
    if (value === undefined) {
      value = make(Buffer.from(secret));
      made.set(secret, value);
    }
    return value;
  };
}

/**
 * The signer and the verifier of a secret, each made once: HS256 (and `exp`) with node:crypto,
 * synchronously. jose, used before, verified through WebCrypto, which hands every signature
 * to a worker thread and back: about 80–100 µs a token, against 10–17 µs.
 */
const signerFor = perSecret((key) => createSigner({ key, algorithm: 'HS256' }));
const verifierFor = perSecret((key) => createVerifier({ key, algorithms: ['HS256'] }));

export interface TokenRequest {
  /** The subject; a fresh one when absent (the join API passes one to record the member). */
  id?: string;
  role: string;
  kern?: string;
  name?: string;
  /** Seconds the token stays valid (a JWT `exp`); without it the token does not expire. */
  validForSeconds?: number;
}

export function issueToken(
  secret: Uint8Array,
  request: TokenRequest,
  config: GemeenteConfig,
): string {
  const claims = checkClaims({ ...request, id: request.id ?? newSubject() }, config);
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload: Record<string, string | number> = {
    sub: claims.id,
    role: claims.role,
    name: claims.name,
    iat: issuedAt,
  };
  if (claims.kern) payload.kern = claims.kern;
  if (request.validForSeconds !== undefined) payload.exp = issuedAt + request.validForSeconds;
  return signerFor(secret)(payload);
}

/** A verified token: its claims and when it was issued (what revocations compare). */
export interface VerifiedToken {
  claims: Claims;
  /** The JWT `iat` in seconds; 0 when absent, so a revocation of a whole kern covers it. */
  issuedAt: number;
}

/** The claims of a valid token; throws TokenError for a bad signature, shape, role or kern. */
export function verifyTokenDetails(
  secret: Uint8Array,
  token: string,
  config: GemeenteConfig,
): VerifiedToken {
  let payload;
  try {
    payload = verifierFor(secret)(token);
  } catch (error) {
    throw new TokenError(`invalid token (${(error as { code?: string }).code ?? 'malformed'})`);
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
  const { role, name, kern, iat } = payload;
  const claims = checkClaims({ id: payload.sub, role, name, kern }, config);
  return { claims, issuedAt: typeof iat === 'number' && Number.isFinite(iat) ? iat : 0 };
}
