/**
 * The options of a "Thema" select: first "Kies een thema" (no choice yet, which the model
 * refuses), then the gemeente's themes in the order of its configuration.
 */
import { useServices } from '../hooks/useServices';

export function ThemeOptions() {
  const { config } = useServices();
  return (
    <>
      <option value="">Kies een thema</option>
      {config.themes.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </>
  );
}
