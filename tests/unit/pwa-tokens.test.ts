/**
 * Which token a room connects with (src/sync/tokens.ts), for the rooms committees of several
 * kernen write: the plein takes a committee or gemeente token; a joint project any committee
 * token (which kernen may write it is in its document: the relay judges each edit), never a
 * resident's or the gemeente's.
 */
import { describe, expect, it } from 'vitest';
import type { Claims } from '../../src/model/access';
import { chooseToken, type DeviceToken } from '../../src/sync/tokens';
import { westBetuwe as config } from './support/config';

const now = '2026-03-01T19:00:00.000Z';
const device = (role: Claims['role'], kern?: string, expiresAt: string | null = null) =>
  ({
    token: `${role}-${kern ?? 'x'}`,
    claims: { id: `id-${role}`, role, name: 'Test', kern },
    expiresAt,
  }) satisfies DeviceToken;

describe('chooseToken for the rooms of several kernen', () => {
  it('a joint project connects with a committee token, whatever its kern', () => {
    const tokens = [device('bewoner', 'beesd'), device('gemeente'), device('commissie', 'asperen')];
    expect(chooseToken('samen/aed-samen-2026', tokens, config, now)?.token).toBe(
      'commissie-asperen',
    );
    expect(chooseToken('samen/aed-samen-2026', tokens.slice(0, 2), config, now)).toBeNull();
    // A committee token without kern, or an expired one, does not write it.
    expect(
      chooseToken(
        'samen/aed-samen-2026',
        [device('commissie'), device('commissie', 'beesd', '2026-01-01T00:00:00.000Z')],
        config,
        now,
      ),
    ).toBeNull();
  });

  it('the plein connects with a committee or the gemeente, never a resident', () => {
    expect(chooseToken('plein/inspiratie', [device('gemeente')], config, now)?.token).toBe(
      'gemeente-x',
    );
    expect(chooseToken('plein/inspiratie', [device('bewoner', 'beesd')], config, now)).toBeNull();
  });
});
