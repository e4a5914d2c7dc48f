/**
 * The small rules behind invites and revocation that the integration tests cannot reach
 * without waiting: the join API's bucket refilling over time, which tokens a revocation
 * covers, and how a typed name is cleaned.
 */
import { describe, expect, it } from 'vitest';
import { cleanName } from '../../server/api';
import { RateLimit } from '../../server/rateLimit';
import { covers, type Revocation } from '../../server/revocations';

describe('RateLimit', () => {
  const make = (limitLoopback = false) => {
    let now = 0;
    const limit = new RateLimit({ burst: 3, perSecond: 0.5, limitLoopback, now: () => now });
    return { limit, advance: (ms: number) => (now += ms) };
  };

  it('allows a burst, then one request per refill, per address', () => {
    const { limit, advance } = make();
    for (let i = 0; i < 3; i++) expect(limit.take('203.0.113.1')).toEqual({ ok: true });
    expect(limit.take('203.0.113.1')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limit.take('203.0.113.2')).toEqual({ ok: true });
    advance(1000);
    expect(limit.take('203.0.113.1')).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(1000);
    expect(limit.take('203.0.113.1')).toEqual({ ok: true });
    expect(limit.take('203.0.113.1').ok).toBe(false);
    // Never more than the burst, however long the pause.
    advance(3_600_000);
    for (let i = 0; i < 3; i++) expect(limit.take('203.0.113.1').ok).toBe(true);
    expect(limit.take('203.0.113.1').ok).toBe(false);
  });

  it('leaves loopback alone unless told to count it', () => {
    const { limit } = make();
    for (let i = 0; i < 10; i++) expect(limit.take('127.0.0.1').ok).toBe(true);
    const strict = make(true).limit;
    for (let i = 0; i < 3; i++) expect(strict.take('::1').ok).toBe(true);
    expect(strict.take('::1').ok).toBe(false);
  });

  it('forgets addresses whose bucket is full again (memory stays bounded)', () => {
    const { limit, advance } = make();
    for (let i = 0; i < 1500; i++) limit.take(`10.0.${i >> 8}.${i & 255}`);
    advance(10_000);
    limit.take('10.9.9.9');
    const buckets = (limit as unknown as { buckets: Map<string, unknown> }).buckets;
    expect(buckets.size).toBe(1);
  });
});

describe('covers (revocations)', () => {
  const anna = { claims: { id: 'anna', role: 'commissie' as const, name: 'Anna', kern: 'beesd' } };
  const bySubject: Revocation = { seq: 1, subject: 'anna', kern: null, issuedUntil: null };
  const byKern: Revocation = { seq: 2, subject: null, kern: 'beesd', issuedUntil: 1000 };

  it('covers the one token with that subject', () => {
    expect(covers(bySubject, { ...anna, issuedAt: 5000 })).toBe(true);
    expect(covers(bySubject, { claims: { ...anna.claims, id: 'bert' }, issuedAt: 1 })).toBe(false);
  });

  it('covers the commissie tokens of that kern issued up to its second, and no others', () => {
    expect(covers(byKern, { ...anna, issuedAt: 999 })).toBe(true);
    expect(covers(byKern, { ...anna, issuedAt: 1000 })).toBe(true);
    expect(covers(byKern, { ...anna, issuedAt: 1001 })).toBe(false);
    expect(covers(byKern, { claims: { ...anna.claims, kern: 'tuil' }, issuedAt: 1 })).toBe(false);
    const resident = {
      claims: { id: 'nel', role: 'bewoner' as const, name: 'Nel', kern: 'beesd' },
    };
    expect(covers(byKern, { ...resident, issuedAt: 1 })).toBe(false);
  });
});

describe('cleanName', () => {
  it.each([
    ['  Anna   de Vries ', { name: 'Anna de Vries' }],
    ['Jan\nJansen', { name: 'Jan Jansen' }],
    ['Zoë Çelik', { name: 'Zoë Çelik' }],
    ['é'.repeat(60), { name: 'é'.repeat(60) }],
    ['é'.repeat(61), { error: 'long_name' }],
    ['', { error: 'no_name' }],
    ['\t \u0007', { error: 'no_name' }],
    [undefined, { error: 'no_name' }],
    [null, { error: 'no_name' }],
    [42, { error: 'bad_request' }],
    [['Anna'], { error: 'bad_request' }],
  ])('%j -> %j', (input, expected) => {
    expect(cleanName(input)).toEqual(expected);
  });
});
