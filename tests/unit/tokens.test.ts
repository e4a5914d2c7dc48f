/**
 * Verifying session tokens (server/tokens.ts) with a verifier made once per secret: each
 * secret verifies only its own tokens, however many secrets one process has seen. Foreign
 * tokens are made with jose, an implementation of JWT other than the server's.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenError, issueToken, newSubject, verifyTokenDetails } from '../../server/tokens';
import { westBetuwe as config } from './support/config';

const secret = () => new Uint8Array(randomBytes(32));
const request = { role: 'commissie', kern: 'beesd', name: 'Anna' } as const;

describe('verifying tokens', () => {
  it('accepts a token of its own secret, every time, and from a copy of the secret', () => {
    const own = secret();
    const token = issueToken(own, request, config);
    for (const key of [own, own, new Uint8Array(own)]) {
      const { claims } = verifyTokenDetails(key, token, config);
      expect(claims).toMatchObject({ role: 'commissie', kern: 'beesd', name: 'Anna' });
    }
  });

  it('refuses a token of another secret, before and after that secret was used', () => {
    const [one, other] = [secret(), secret()];
    const fromOne = issueToken(one, request, config);
    const fromOther = issueToken(other, request, config);
    expect(() => verifyTokenDetails(other, fromOne, config)).toThrow(TokenError);
    verifyTokenDetails(one, fromOne, config);
    expect(() => verifyTokenDetails(one, fromOther, config)).toThrow(
      'invalid token (FAST_JWT_INVALID_SIGNATURE)',
    );
    expect(() => verifyTokenDetails(other, fromOne, config)).toThrow(TokenError);
  });

  it('refuses another algorithm signed with the right secret', async () => {
    const own = secret();
    verifyTokenDetails(own, issueToken(own, request, config), config);
    const hs512 = await new SignJWT({ role: 'gemeente', name: 'X' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('x')
      .sign(own);
    expect(() => verifyTokenDetails(own, hs512, config)).toThrow(
      'invalid token (FAST_JWT_INVALID_ALGORITHM)',
    );
  });

  it('accepts a token as jose signed it before (tokens given out keep working)', async () => {
    const own = secret();
    const token = await new SignJWT({ role: 'commissie', name: 'Anna', kern: 'beesd' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('anna-1')
      .setIssuedAt(1_790_000_000)
      .sign(own);
    expect(verifyTokenDetails(own, token, config)).toEqual({
      claims: { id: 'anna-1', role: 'commissie', name: 'Anna', kern: 'beesd' },
      issuedAt: 1_790_000_000,
    });
  });

  it('refuses a token once it has expired, and one whose claims were changed', async () => {
    const own = secret();
    const now = Math.floor(Date.now() / 1000);
    const session = issueToken(own, { role: 'bewoner', validForSeconds: 60 }, config);
    const { issuedAt } = verifyTokenDetails(own, session, config);
    expect(Math.abs(issuedAt - now)).toBeLessThanOrEqual(1);
    const expired = await new SignJWT({ role: 'bewoner', name: 'Bewoner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('b')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(own);
    expect(() => verifyTokenDetails(own, expired, config)).toThrow(
      'invalid token (FAST_JWT_EXPIRED)',
    );
    const [header, body, signature] = session.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    expect(payload.exp).toBe(payload.iat + 60);
    const promoted = Buffer.from(JSON.stringify({ ...payload, role: 'beheerder' })).toString(
      'base64url',
    );
    expect(() => verifyTokenDetails(own, `${header}.${promoted}.${signature}`, config)).toThrow(
      'invalid token (FAST_JWT_INVALID_SIGNATURE)',
    );
  });
});

describe('token subjects', () => {
  it('never begin with "-", so `revoke --id` takes each as it is', () => {
    // With nanoid's own alphabet, 10,000 subjects hold about 156 that begin with "-".
    const subjects = Array.from({ length: 10_000 }, () => newSubject());
    expect(subjects.filter((id) => !/^\w[\w-]{20}$/.test(id))).toEqual([]);
    expect(new Set(subjects).size).toBe(subjects.length);
    const own = secret();
    const { claims } = verifyTokenDetails(own, issueToken(own, request, config), config);
    expect(claims.id).toMatch(/^\w{21}$/);
  });
});
