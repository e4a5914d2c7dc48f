/**
 * Verifying session tokens (server/tokens.ts) with the secret's key imported once per secret:
 * each secret verifies only its own tokens, however many secrets one process has seen.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenError, issueToken, verifyTokenDetails } from '../../server/tokens';
import { westBetuwe as config } from './support/config';

const secret = () => new Uint8Array(randomBytes(32));
const request = { role: 'commissie', kern: 'beesd', name: 'Anna' } as const;

describe('verifying tokens', () => {
  it('accepts a token of its own secret, every time, and from a copy of the secret', async () => {
    const own = secret();
    const token = await issueToken(own, request, config);
    for (const key of [own, own, new Uint8Array(own)]) {
      const { claims } = await verifyTokenDetails(key, token, config);
      expect(claims).toMatchObject({ role: 'commissie', kern: 'beesd', name: 'Anna' });
    }
  });

  it('refuses a token of another secret, before and after that secret was used', async () => {
    const [one, other] = [secret(), secret()];
    const fromOne = await issueToken(one, request, config);
    const fromOther = await issueToken(other, request, config);
    await expect(verifyTokenDetails(other, fromOne, config)).rejects.toThrow(TokenError);
    await verifyTokenDetails(one, fromOne, config);
    await expect(verifyTokenDetails(one, fromOther, config)).rejects.toThrow(
      'invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)',
    );
    await expect(verifyTokenDetails(other, fromOne, config)).rejects.toThrow(TokenError);
  });

  it('refuses another algorithm signed with the right secret', async () => {
    const own = secret();
    await verifyTokenDetails(own, await issueToken(own, request, config), config);
    const hs512 = await new SignJWT({ role: 'gemeente', name: 'X' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('x')
      .sign(own);
    await expect(verifyTokenDetails(own, hs512, config)).rejects.toThrow(
      'invalid token (ERR_JOSE_ALG_NOT_ALLOWED)',
    );
  });
});
