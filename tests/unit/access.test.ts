/** DESIGN.md's permission table, row by row, for every role and room kind. */
import { describe, expect, it } from 'vitest';
import { canWrite, roles, type Claims, type Role } from '../../src/model/access';
import type { Room } from '../../src/model/rooms';
import { westBetuwe as config } from './support/config';

const ctx = {
  config,
  jointKernen: (id: string) => (id === 'dorpsfeest' ? ['beesd', 'heukelum'] : []),
};
const claims = (role: Role, kern?: string): Claims => ({
  id: `id-${role}`,
  role,
  name: 'Test',
  kern,
});

// role (and kern) -> expected write access per room
const rooms: [label: string, room: Room][] = [
  ['agenda beesd', { kind: 'agenda', kern: 'beesd' }],
  ['agenda varik (shared)', { kind: 'agenda', kern: 'varik' }],
  ['ideeen beesd', { kind: 'ideeen', kern: 'beesd' }],
  ['berichten', { kind: 'berichten' }],
  ['vragen', { kind: 'vragen' }],
  ['inspiratie', { kind: 'inspiratie' }],
  ['samen dorpsfeest (beesd, heukelum)', { kind: 'samen', id: 'dorpsfeest' }],
  ['samen onbekend', { kind: 'samen', id: 'onbekend' }],
];
// One mark per room above, in that order (agenda beesd, agenda varik | ideeen | berichten |
// vragen | inspiratie | samen dorpsfeest, samen onbekend): W = may write, . = read only.
const table: [who: string, claims: Claims | null, expected: string][] = [
  ['no token', null, '.. . . . . ..'],
  ['bewoner', claims('bewoner', 'beesd'), '.. W . W . ..'],
  ['bewoner without kern', claims('bewoner'), '.. W . W . ..'],
  ['commissie beesd', claims('commissie', 'beesd'), 'W. W . W W W.'],
  ['commissie heukelum', claims('commissie', 'heukelum'), '.. W . W W W.'],
  ['commissie varik', claims('commissie', 'varik'), '.W W . W W ..'],
  ['commissie heesselt', claims('commissie', 'heesselt'), '.W W . W W ..'],
  ['commissie without kern', claims('commissie'), '.. W . W W ..'],
  ['gemeente', claims('gemeente'), '.. W W W W ..'],
  ['beheerder', claims('beheerder'), 'WW . . . . ..'],
];

describe('canWrite', () => {
  it('covers every role, with one mark per room', () => {
    for (const [, , marks] of table) expect(marks.replace(/ /g, '')).toHaveLength(rooms.length);
    const covered = new Set(table.flatMap(([, c]) => (c ? [c.role] : [])));
    expect([...covered].sort()).toEqual([...roles].sort());
  });

  for (const [who, holder, expected] of table)
    describe(who, () => {
      const marks = expected.replace(/ /g, '');
      it.each(rooms.map(([label, room], i) => [label, room, marks[i] === 'W'] as const))(
        '%s -> %s',
        (_label, room, allowed) => {
          expect(canWrite(room, holder, ctx)).toBe(allowed);
        },
      );
    });

  it('refuses a commissie of another kern the agenda, also a kern outside a shared group', () => {
    expect(canWrite({ kind: 'agenda', kern: 'beesd' }, claims('commissie', 'tuil'), ctx)).toBe(
      false,
    );
    expect(canWrite({ kind: 'agenda', kern: 'varik' }, claims('commissie', 'tuil'), ctx)).toBe(
      false,
    );
    expect(canWrite({ kind: 'agenda', kern: 'tuil' }, claims('commissie', 'tuil'), ctx)).toBe(true);
  });
});
