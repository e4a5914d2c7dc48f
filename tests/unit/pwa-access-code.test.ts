// Access codes on the device: finding the token in what people paste, and reading its claims.
import { describe, expect, it } from 'vitest';
import { isExpired, parseAccessCode, readTokenClaims } from '../../src/storage/accessCode';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) =>
  `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.c2lnbmF0dXJl`;
const commissie = jwt({ sub: 'abc123', role: 'commissie', kern: 'beesd', name: 'Anna', iat: 1 });

describe('parseAccessCode', () => {
  it('accepts a bare token, with spaces around it', () => {
    expect(parseAccessCode(`  ${commissie}\n`)).toBe(commissie);
  });
  it('takes the token out of a join link (query or fragment, other parameters too)', () => {
    expect(parseAccessCode(`https://kernplein.nl/kern/beesd?token=${commissie}`)).toBe(commissie);
    expect(parseAccessCode(`https://kernplein.nl/?x=1&token=${commissie}&y=2`)).toBe(commissie);
    expect(parseAccessCode(`https://kernplein.nl/#token=${commissie}`)).toBe(commissie);
    expect(parseAccessCode(`?token=${encodeURIComponent(commissie)}`)).toBe(commissie);
  });
  it('refuses what holds no token', () => {
    for (const text of [
      '',
      '   ',
      'onzin',
      'a.b',
      'https://kernplein.nl/kern/beesd',
      'https://kernplein.nl/?token=',
      'https://kernplein.nl/?token=not-a-jwt',
      '?token=%E0%A4%A', // broken percent-encoding
      'a.b.c d',
    ])
      expect(parseAccessCode(text), text).toBeNull();
  });
});

describe('readTokenClaims', () => {
  it('reads subject, role, kern and name', () => {
    expect(readTokenClaims(commissie)).toEqual({
      id: 'abc123',
      role: 'commissie',
      kern: 'beesd',
      name: 'Anna',
      expiresAt: null,
    });
  });
  it('uses the default name of the role when the token has none (as the relay does)', () => {
    expect(readTokenClaims(jwt({ sub: 'x', role: 'bewoner' }))?.name).toBe('Bewoner');
  });
  it('reads the expiry and tells when it has passed', () => {
    const info = readTokenClaims(jwt({ sub: 'x', role: 'gemeente', exp: 1_700_000_000 }))!;
    expect(info.expiresAt).toBe('2023-11-14T22:13:20.000Z');
    expect(isExpired(info, '2023-11-14T22:13:19.000Z')).toBe(false);
    expect(isExpired(info, '2023-11-14T22:13:20.000Z')).toBe(true);
    expect(isExpired({ ...info, expiresAt: null }, '2100-01-01T00:00:00.000Z')).toBe(false);
  });
  it('refuses payloads that are not Kernplein claims', () => {
    const bad = [
      jwt({ role: 'commissie', kern: 'beesd' }), // no subject
      jwt({ sub: 'x', role: 'koning' }), // unknown role
      jwt({ sub: 'x', role: 'commissie' }), // commissie without kern
      jwt({ sub: 'x', role: 'bewoner', kern: 7 }), // kern not a string
      jwt(['sub', 'role']),
      jwt(null),
      `${b64({})}.bm90IGpzb24.c2ln`, // payload is not JSON
      'a.b.c',
      'no token at all',
    ];
    for (const token of bad) expect(readTokenClaims(token), token).toBeNull();
  });
});
