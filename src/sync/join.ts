/**
 * Joining a committee with an invite code: the PWA's side of the server's join API
 * (server/api.ts). `checkInvite` asks what an invite is for without using it; `joinWithInvite`
 * exchanges the code and the member's name for a token (the caller stores it on the device).
 *
 * Every outcome is a value, never a throw: the server's Dutch message when it refused, or a
 * message of our own when the device is offline or the answer is not the API's.
 */

/** What a code can look like (the server's nanoid codes); anything else is not worth asking. */
export const inviteCodePattern = /^[A-Za-z0-9_-]{16,64}$/;

export type JoinFailure = {
  ok: false;
  /** The HTTP status, or 0 when no answer came (offline, server unreachable). */
  status: number;
  /** The server's `error` code (`unknown`, `expired`, `used_up`, `no_name`, ...) or `network`. */
  error: string;
  message: string;
};

export type InviteCheck = { ok: true; kern: string; expiresAt: string } | JoinFailure;
export type Joined = { ok: true; token: string; kern: string; name: string } | JoinFailure;

export const joinMessages = {
  offline: 'Er is nu geen verbinding met de server. Controleer je internet en probeer het opnieuw.',
  server: 'Er ging iets mis op de server. Probeer het over een paar minuten opnieuw.',
  unknown:
    'Deze uitnodiging kennen we niet. Controleer of je de hele link hebt gebruikt, of vraag de beheerder om een nieuwe uitnodiging.',
} as const;

type Fetch = typeof fetch;

async function call(
  fetcher: Fetch,
  url: string,
  init: RequestInit,
): Promise<{ ok: true; body: Record<string, unknown> } | JoinFailure> {
  let res: Response;
  try {
    res = await fetcher(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, error: 'network', message: joinMessages.offline };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not the API's answer (a proxy's error page): handled below
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (res.ok && body !== null) return { ok: true, body: fields };
  return {
    ok: false,
    status: res.status,
    error: typeof fields.error === 'string' ? fields.error : 'server',
    message: typeof fields.message === 'string' ? fields.message : joinMessages.server,
  };
}

const notACode = (): JoinFailure => ({
  ok: false,
  status: 404,
  error: 'unknown',
  message: joinMessages.unknown,
});

export async function checkInvite(code: string, fetcher: Fetch = fetch): Promise<InviteCheck> {
  if (!inviteCodePattern.test(code)) return notACode();
  const answer = await call(fetcher, `/api/join/${encodeURIComponent(code)}`, { method: 'GET' });
  if (!answer.ok) return answer;
  const { kern, expiresAt } = answer.body;
  if (typeof kern !== 'string' || typeof expiresAt !== 'string')
    return { ok: false, status: 200, error: 'server', message: joinMessages.server };
  return { ok: true, kern, expiresAt };
}

export async function joinWithInvite(
  code: string,
  name: string,
  fetcher: Fetch = fetch,
): Promise<Joined> {
  if (!inviteCodePattern.test(code)) return notACode();
  const answer = await call(fetcher, '/api/join', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  if (!answer.ok) return answer;
  const { token, kern, name: given } = answer.body;
  if (typeof token !== 'string' || typeof kern !== 'string' || typeof given !== 'string')
    return { ok: false, status: 200, error: 'server', message: joinMessages.server };
  return { ok: true, token, kern, name: given };
}
