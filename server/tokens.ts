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
import { SignJWT, jwtVerify } from 'jose';
import { nanoid } from 'nanoid';
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

export interface TokenRequest {
  /** The subject; a fresh nanoid when absent (the join API passes one to record the member). */
  id?: string;
  role: string;
  kern?: string;
  name?: string;
  /** Seconds the token stays valid (a JWT `exp`); without it the token does not expire. */
  validForSeconds?: number;
}

export async function issueToken(
  secret: Uint8Array,
  request: TokenRequest,
  config: GemeenteConfig,
): Promise<string> {
  const claims = checkClaims({ ...request, id: request.id ?? nanoid() }, config);
  const payload: Record<string, string> = { role: claims.role, name: claims.name };
  if (claims.kern) payload.kern = claims.kern;
  const issuedAt = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.id)
    .setIssuedAt(issuedAt);
  if (request.validForSeconds !== undefined)
    jwt.setExpirationTime(issuedAt + request.validForSeconds);
  return jwt.sign(secret);
}

/** A verified token: its claims and when it was issued (what revocations compare). */
export interface VerifiedToken {
  claims: Claims;
  /** The JWT `iat` in seconds; 0 when absent, so a revocation of a whole kern covers it. */
  issuedAt: number;
}

/** The claims of a valid token; throws TokenError for a bad signature, shape, role or kern. */
export async function verifyToken(
  secret: Uint8Array,
  token: string,
  config: GemeenteConfig,
): Promise<Claims> {
  return (await verifyTokenDetails(secret, token, config)).claims;
}

/**
 * The secret as a WebCrypto HMAC key, imported once per secret: given the bytes, jose imports
 * them again for every token it verifies (about 40% of a verification's time, and garbage a
 * reconnect storm of hundreds of clients makes all at once).
 */
const verifyKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
function verifyKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new Uint8Array(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    verifyKeys.set(secret, key);
  }
  return key;
}

/** `verifyToken` with the time of issue (the relay's revocation check needs it). */
export async function verifyTokenDetails(
  secret: Uint8Array,
  token: string,
  config: GemeenteConfig,
): Promise<VerifiedToken> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await verifyKey(secret), { algorithms: ['HS256'] }));
  } catch (error) {
    throw new TokenError(`invalid token (${(error as { code?: string }).code ?? 'malformed'})`);
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
  const { role, name, kern, iat } = payload;
  const claims = checkClaims({ id: payload.sub, role, name, kern }, config);
  return { claims, issuedAt: typeof iat === 'number' && Number.isFinite(iat) ? iat : 0 };
}
