/** A short accessibility statement (toegankelijkheidsverklaring) in plain Dutch. */
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';

export function AccessibilityPage() {
  const { config } = useServices();
  useTitle('Toegankelijkheid');
  return (
    <article className="page prose">
      <h1>Toegankelijkheid</h1>
      <p>
        {config.app.name} moet voor iedereen goed te gebruiken zijn. We bouwen de app volgens de
        richtlijnen WCAG 2.2, niveau AA.
      </p>
      <h2>Wat je kunt verwachten</h2>
      <ul>
        <li>Je kunt alles met alleen een toetsenbord doen.</li>
        <li>De app werkt met een schermlezer en met grotere letters.</li>
        <li>Informatie staat altijd in woorden, niet alleen in een kleur.</li>
        <li>
          De app werkt ook zonder internet. Je ziet steeds of je wijzigingen al verstuurd zijn.
        </li>
      </ul>
      <h2>Werkt iets niet goed?</h2>
      <p>
        Laat het de gemeente {config.gemeente.name} weten. Vertel op welke pagina het was en wat er
        misging. Dan lossen we het op.
      </p>
    </article>
  );
}
