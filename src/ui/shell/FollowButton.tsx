/**
 * Follow / unfollow a kern on this device: a toggle button (aria-pressed) named "Volg
 * <kern>". Following is a commitment to the app, so it also asks the browser to keep this
 * site's storage.
 */
import type { Kern } from '../../config/gemeente';
import { askPersistentStorage, follow, unfollow } from '../../storage/db';
import { useFollows } from '../hooks/useDevice';
import { useServices } from '../hooks/useServices';

export function FollowButton({ kern }: { kern: Kern }) {
  const { db, now } = useServices();
  const follows = useFollows();
  const following = follows?.some((f) => f.kern === kern.slug) ?? false;
  const toggle = async () => {
    if (following) await unfollow(db, kern.slug);
    else {
      await follow(db, kern.slug, now().toISOString());
      void askPersistentStorage();
    }
  };
  return (
    <button
      type="button"
      className="follow"
      aria-pressed={following}
      disabled={follows === undefined}
      onClick={() => void toggle()}
    >
      <span aria-hidden="true">{following ? '✓ ' : '+ '}</span>
      Volg<span className="sr-only"> {kern.name}</span>
    </button>
  );
}
