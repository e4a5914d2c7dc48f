/**
 * Who may write which room: DESIGN.md's permission table, in one place for the relay
 * (which enforces it per connection) and the PWA (which shows what you may do).
 * Everyone reads every room; a connection without a token is read-only.
 */
import type { GemeenteConfig } from '../config/gemeente';
import type { Room } from './rooms';

export const roles = ['bewoner', 'commissie', 'gemeente', 'beheerder'] as const;
export type Role = (typeof roles)[number];

/** What a signed token says about its holder. `kern` is set for a commissie (and a bewoner's home kern). */
export interface Claims {
  /** Stable id of the holder (the token's subject). */
  id: string;
  role: Role;
  name: string;
  kern?: string;
}

export interface AccessContext {
  config: GemeenteConfig;
  /** The kernen whose committees may write a joint project (`samen/<id>`): see `everyKern`. */
  jointKernen(id: string): readonly string[];
}

/**
 * `jointKernen` for a decision made before a joint project's document is at hand (the relay
 * admitting a connection, the PWA choosing a token): every kern. Which kernen may write a
 * joint project is in its document and grows while it is open (an invitation), so each edit
 * is judged against the document as it is then (src/model/boardRules.ts, `samenRoomWriters`).
 */
export const everyKern = (config: GemeenteConfig) => (): readonly string[] =>
  config.kernen.map((kern) => kern.slug);

export function canWrite(room: Room, claims: Claims | null, ctx: AccessContext): boolean {
  if (!claims) return false;
  const { role, kern } = claims;
  switch (room.kind) {
    case 'agenda':
      return (
        role === 'beheerder' ||
        (role === 'commissie' && !!kern && ctx.config.agendaSlug(kern) === room.kern)
      );
    case 'ideeen':
    case 'vragen':
      return role === 'bewoner' || role === 'commissie' || role === 'gemeente';
    case 'berichten':
      return role === 'gemeente';
    case 'inspiratie':
      return role === 'commissie' || role === 'gemeente';
    case 'samen':
      return role === 'commissie' && !!kern && ctx.jointKernen(room.id).includes(kern);
  }
}
