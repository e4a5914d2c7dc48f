/**
 * "Meldingen aanzetten": asks the browser's permission for notifications, only when the
 * resident presses the button (never on its own, never at first load), and says plainly
 * what the current choice means. The notifications themselves come from the notice feed
 * (notices/noticeFeed.ts) through the service worker, while the app is open or in the
 * background; there is no push service (README: "Meldingen").
 */
import { useRef, useState } from 'react';

type Permission = NotificationPermission | 'unsupported';

const supported = () =>
  typeof Notification !== 'undefined' &&
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator;

export function NotificationSetting() {
  const [permission, setPermission] = useState<Permission>(() =>
    supported() ? Notification.permission : 'unsupported',
  );
  const answer = useRef<HTMLParagraphElement>(null);

  const ask = async () => {
    const result = await Notification.requestPermission();
    setPermission(result);
    // The button is gone now: focus moves to what the choice means.
    answer.current?.focus();
  };

  const text: Record<Permission, string> = {
    granted:
      'Meldingen staan aan. Je krijgt een melding als de gemeente een nieuw bericht plaatst voor een kern die je volgt, zolang Kernplein open is of op de achtergrond draait.',
    denied:
      'Meldingen staan uit voor Kernplein. Wil je ze toch? Zet ze aan in de instellingen van je browser.',
    default:
      'Wil je een melding krijgen als de gemeente een nieuw bericht plaatst voor een kern die je volgt?',
    unsupported:
      'Deze browser kan geen meldingen tonen. Kijk hier af en toe of er nieuwe berichten zijn.',
  };

  return (
    <section className="notice" aria-labelledby="meldingen-titel">
      <h2 id="meldingen-titel" className="sr-only">
        Meldingen
      </h2>
      <p ref={answer} tabIndex={-1} role="status">
        {text[permission]}
      </p>
      {permission === 'default' && (
        <button type="button" onClick={() => void ask()}>
          Meldingen aanzetten
        </button>
      )}
    </section>
  );
}
