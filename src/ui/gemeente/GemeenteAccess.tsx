/**
 * The gemeente screen without a gemeente code on this device: what the screen is for, where
 * residents go instead, and a field for the gemeente's access code (stored on this device
 * only when it is a gemeente code that has not expired; the relay checks its signature).
 */
import { Link } from 'wouter';
import { addToken } from '../../storage/db';
import { useServices } from '../hooks/useServices';
import { AccessCodeForm } from '../shell/AccessCodeForm';

export function GemeenteAccess() {
  const { config, db, now } = useServices();

  return (
    <section className="notice" aria-labelledby="gemeente-toegang">
      <h2 id="gemeente-toegang">Alleen voor de gemeente</h2>
      <p>
        Op deze pagina plaatst de gemeente {config.gemeente.name} berichten voor de kernen,
        bijvoorbeeld over werkzaamheden of een afgesloten weg. Hier beantwoordt de gemeente ook de
        vragen van bewoners.
      </p>
      <p>
        Woon je in een van de kernen? Dan staan de berichten voor jouw kern bij{' '}
        <Link href="/berichten">Berichten</Link>.
      </p>
      <p>
        Werk je bij de gemeente? Vraag de beheerder van {config.app.name} om een toegangscode voor
        de gemeente en vul die hier in. De code wordt alleen op dit apparaat bewaard.
      </p>
      <AccessCodeForm
        label="Toegangscode van de gemeente"
        unreadable="Dit is geen geldige toegangscode. Kopieer de hele code die je van de beheerder kreeg."
        refuse={(claims) =>
          claims.role === 'gemeente'
            ? null
            : 'Dit is geen toegangscode van de gemeente. Met deze code kun je hier geen berichten plaatsen.'
        }
        onAccept={(token) => addToken(db, token, now().toISOString())}
      />
    </section>
  );
}
