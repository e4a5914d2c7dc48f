import { describe, expect, it } from 'vitest';
import {
  agendaRoom,
  isAgendaRoomName,
  parseRoom,
  roomName,
  type Room,
} from '../../src/model/rooms';
import { proef, westBetuwe as config } from './support/config';

describe('parseRoom and roomName', () => {
  it.each<[string, Room]>([
    ['kern/beesd/agenda', { kind: 'agenda', kern: 'beesd' }],
    ['kern/beesd/ideeen', { kind: 'ideeen', kern: 'beesd' }],
    ['gemeente/berichten', { kind: 'berichten' }],
    ['gemeente/vragen', { kind: 'vragen' }],
    ['plein/inspiratie', { kind: 'inspiratie' }],
    ['samen/abcd', { kind: 'samen', id: 'abcd' }],
    ['samen/Dorp_feest-2026', { kind: 'samen', id: 'Dorp_feest-2026' }],
  ])('%s round-trips', (name, room) => {
    expect(parseRoom(name, config)).toEqual(room);
    expect(roomName(room)).toBe(name);
  });

  it('maps a kern that shares an agenda to the shared document', () => {
    expect(parseRoom('kern/heesselt/agenda', config)).toEqual({ kind: 'agenda', kern: 'varik' });
    expect(roomName(parseRoom('kern/heesselt/agenda', config)!)).toBe('kern/varik/agenda');
    expect(parseRoom('kern/heesselt/ideeen', config)).toEqual({ kind: 'ideeen', kern: 'heesselt' });
    expect(parseRoom('kern/oostdorp/agenda', proef)).toEqual({ kind: 'agenda', kern: 'zuiddorp' });
  });

  it.each([
    'kern/atlantis/agenda',
    'kern/Beesd/agenda',
    'kern/beesd',
    'kern/beesd/agenda/extra',
    'kern/beesd/plannen',
    'kern//agenda',
    'kern/noorddorp/agenda',
    'gemeente',
    'gemeente/geheim',
    'plein',
    'plein/inspiratie/',
    'samen/abc',
    'samen/' + 'a'.repeat(65),
    'samen/ab cd',
    'samen/abcd/extra',
    '',
    '/kern/beesd/agenda',
    '../kern/beesd/agenda',
  ])('refuses %j', (name) => {
    expect(parseRoom(name, config)).toBeNull();
  });
});

describe('agendaRoom', () => {
  it('names the stored document of a kern agenda', () => {
    expect(agendaRoom(config, 'beesd')).toBe('kern/beesd/agenda');
    expect(agendaRoom(config, 'heesselt')).toBe('kern/varik/agenda');
    expect(agendaRoom(config, 'varik')).toBe('kern/varik/agenda');
    expect(agendaRoom(proef, 'oostdorp')).toBe('kern/zuiddorp/agenda');
  });
});

describe('isAgendaRoomName', () => {
  it('tells a kernagenda room by its stored name only', () => {
    expect(isAgendaRoomName('kern/beesd/agenda')).toBe(true);
    expect(isAgendaRoomName('kern/beesd/ideeen')).toBe(false);
    expect(isAgendaRoomName('kern/beesd/agenda/x')).toBe(false);
    expect(isAgendaRoomName('gemeente/berichten')).toBe(false);
  });
});
