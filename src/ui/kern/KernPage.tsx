/**
 * The page of one kern: its name, whether it shares its kernagenda, the follow toggle, what
 * you may do here, and the kernagenda itself (the room `agendaRoom(config, slug)`).
 * Loaded lazily (route-level code splitting).
 */
import { useEffect } from 'react';
import type { Kern } from '../../config/gemeente';
import { agendaRoom } from '../../model/rooms';
import { recordVisit } from '../../storage/db';
import { useTokens } from '../hooks/useDevice';
import { useRoom } from '../hooks/useRoom';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { FollowButton } from '../shell/FollowButton';
import { NotFoundPage } from '../shell/NotFoundPage';
import { AccessPanel } from './AccessPanel';
import { AgendaView } from './AgendaView';

function KernScreen({ kern }: { kern: Kern }) {
  const { config, db, registry, now } = useServices();
  const name = agendaRoom(config, kern.slug);
  const room = useRoom(name);
  const status = useStore(room.status);
  useStore(registry.access);
  const tokens = useTokens();
  const writer = registry.writerFor(name);
  const group = config.agendaGroup(kern.slug);
  const partners = group.filter((k) => k.slug !== kern.slug);
  useTitle(kern.name);
  useEffect(() => {
    void recordVisit(db, kern.slug, now().toISOString());
  }, [db, kern.slug, now]);

  return (
    <div className="page">
      <div className="kern-head">
        <h1>{kern.name}</h1>
        <FollowButton kern={kern} />
      </div>
      {partners.length > 0 && <p>Deze kernagenda delen {group.map((k) => k.name).join(' en ')}.</p>}
      <AccessPanel
        group={group}
        writer={writer}
        tokens={(tokens ?? []).filter((t) => t.token !== writer?.token)}
        tokenRejected={status.tokenRejected}
        refusedEdits={status.editsRefused}
      />
      {status.localLoaded ? (
        <AgendaView room={room} group={group} actor={writer ? writer.claims.name : null} />
      ) : (
        <p className="loading">Kernagenda laden…</p>
      )}
    </div>
  );
}

export default function KernPage({ slug }: { slug: string }) {
  const { config } = useServices();
  const kern = config.kern(slug);
  if (!kern) return <NotFoundPage what="Deze kern" />;
  return <KernScreen key={kern.slug} kern={kern} />;
}
