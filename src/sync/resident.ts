/**
 * Joining as a resident ("meedoen als bewoner"): the PWA's side of `POST /api/bewoner`
 * (server/api.ts). A display name and a home kern are exchanged for a signed token with role
 * `bewoner` (the caller stores it on the device with `addToken`). No account, no password.
 *
 * Every outcome is a value, never a throw: the server's Dutch message when it refused, or a
 * message of our own when the device is offline or the answer is not the API's. The name is
 * checked here first with the server's rule (trimmed, 1–60 characters), so a typo costs no
 * request and counts against no rate limit.
 */
import { joinMessages, type JoinFailure } from './join';

export const residentNameLimit = 60;

export type ResidentFailure = JoinFailure;
export type ResidentJoined =
  { ok: true; token: string; id: string; name: string; kern: string } | ResidentFailure;

/** Why a display name is not acceptable (Dutch), or null. */
export function residentNameProblem(name: string): string | null {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) return 'Vul je naam in.';
  if ([...trimmed].length > residentNameLimit)
    return `Je naam is te lang. Gebruik hoogstens ${residentNameLimit} tekens.`;
  return null;
}

type Fetch = typeof fetch;

const failure = (status: number, error: string, message: string): ResidentFailure => ({
  ok: false,
  status,
  error,
  message,
});

export async function joinAsResident(
  name: string,
  kern: string,
  fetcher: Fetch = fetch,
): Promise<ResidentJoined> {
  const problem = residentNameProblem(name);
  if (problem) return failure(400, name.trim() ? 'long_name' : 'no_name', problem);
  let res: Response;
  try {
    res = await fetcher('/api/bewoner', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: name.trim(), kern }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return failure(0, 'network', joinMessages.offline);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not the API's answer (a proxy's error page, or an older server without this route)
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!res.ok)
    return failure(
      res.status,
      typeof fields.error === 'string' ? fields.error : 'server',
      typeof fields.message === 'string' ? fields.message : joinMessages.server,
    );
  const { token, id, name: given, kern: home } = fields;
  if (
    typeof token !== 'string' ||
    typeof id !== 'string' ||
    typeof given !== 'string' ||
    typeof home !== 'string'
  )
    return failure(res.status, 'server', joinMessages.server);
  return { ok: true, token, id, name: given, kern: home };
}
