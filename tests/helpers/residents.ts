/**
 * Resident sessions for tests, through the real `POST /api/bewoner` of a running server.
 *
 * `requestResident()` sends any body (a string is sent as it is) and returns status, JSON body
 * and headers; `newResident()` expects a 201 and returns the session. `tokenPayload()` reads a
 * token's claims without verifying it (the relay verifies).
 */
export interface ResidentAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface ResidentSession {
  token: string;
  id: string;
  name: string;
  kern: string;
}

export async function requestResident(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ResidentAnswer> {
  const res = await fetch(`${baseUrl}/api/bewoner`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: JSON.parse(text) as Record<string, unknown>,
    headers: res.headers,
  };
}

export async function newResident(
  baseUrl: string,
  name: string,
  kern: string,
  headers: Record<string, string> = {},
): Promise<ResidentSession> {
  const answer = await requestResident(baseUrl, { name, kern }, headers);
  if (answer.status !== 201)
    throw new Error(`POST /api/bewoner answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as ResidentSession;
}

export const tokenPayload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
