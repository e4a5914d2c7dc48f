/**
 * The edit context of a committee acting for its kern, for writes where the kern matters:
 * taking over a project into its own kernagenda (takeOver.ts) and taking part in a joint
 * project (samen.ts), where each kern writes only its own keys (its participation, its
 * contribution, its quantities). The relay decides whether the connection may write the
 * room at all (access.ts); these checks keep an honest client from writing another kern's
 * share by mistake.
 */
import { checkContext, type EditContext } from './agendaDoc';
import { ValidationError } from './validation';

export interface CommitteeContext extends EditContext {
  /** Slug of the kern the committee acts for. */
  kern: string;
}

export const unknownKern = () => new ValidationError({ kern: 'Deze kern kennen we niet.' });

/** Throws TypeError for a bad clock or actor, ValidationError for an unknown kern. */
export function checkCommittee(ctx: CommitteeContext): void {
  checkContext(ctx);
  if (typeof ctx.kern !== 'string' || !ctx.config.kern(ctx.kern)) throw unknownKern();
}
