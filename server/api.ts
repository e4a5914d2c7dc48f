/**
 * The HTTP API under /api: joining a committee with an invite code (invites.ts), and a
 * resident's session.
 *
 * - `GET /api/join/<code>`: what the invite is for (`{ kern, expiresAt }`), so the join page
 *   can name the kern, and say at once when a link no longer works. Consumes nothing.
 * - `POST /api/join` with JSON `{ code, name }`: consumes one use and answers
 *   `{ token, kern, name }`: a commissie token for that kern carrying the name the member
 *   typed (so the others see who changed what).
 * - `POST /api/bewoner` with JSON `{ name, kern }` (a kern slug of the configuration):
 *   answers 201 `{ token, id, name, kern }`, a bewoner token valid for one year whose claims
 *   carry a fresh id (what the resident's entries are owned by), the name and the home kern.
 *   No account: anyone may start a session, so it is rate-limited per address
 *   (`--resident-burst`, `--resident-every-seconds`).
 * Refusals are JSON `{ error, message }` with `message` in plain Dutch for the page: 400 bad
 * body, name or kern, 404 unknown code, 410 expired or used up, 413 body too big, 415 not
 * JSON, 429 too many requests from the address (with Retry-After), 503 the database cannot
 * write (or the token cannot be made). Every request counts against its address's rate. A
 * refused request consumes and issues nothing. Every other /api path answers a JSON 404, so a
 * client never mistakes the app's index.html for an API answer.
 *
 * Invariants: codes, tokens and names are never logged (log.ts also scrubs `/join/<code>`
 * paths); the token is signed before the use is consumed, so a failure to sign consumes
 * nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GemeenteConfig } from '../src/config/gemeente';
import { isReadonly, type AccessHandle } from './accessDb';
import { findInvite, redeemInvite, type InviteRefusal } from './invites';
import type { Log } from './log';
import type { Limits } from './options';
import { RateLimit } from './rateLimit';
import { clientAddress } from './relay/addressLimits';
import { TokenError, issueToken, newSubject } from './tokens';

export interface ApiOptions {
  config: GemeenteConfig;
  secret: Uint8Array;
  access: AccessHandle;
  log: Log;
  limits: Pick<Limits, 'limitLoopback' | 'trustProxy' | 'residentBurst' | 'residentEverySeconds'>;
  now?: () => Date;
}

export type ServeApi = (req: IncomingMessage, res: ServerResponse, pathname: string) => void;

/** Join requests per address: 10 at once, then one every 6 seconds. */
export const joinRate = { burst: 10, perSecond: 1 / 6 };
const maxBodyBytes = 4096;
export const maxNameLength = 60;
/** How long a resident's token is valid. */
export const residentTokenSeconds = 365 * 24 * 60 * 60;

const messages = {
  unknown:
    'Deze uitnodiging kennen we niet. Controleer of je de hele link hebt gebruikt, of vraag de beheerder om een nieuwe uitnodiging.',
  expired: 'Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging.',
  used_up: 'Deze uitnodiging is al gebruikt. Vraag de beheerder om een nieuwe uitnodiging.',
  bad_request: 'Het verzoek is niet goed ingevuld. Laad de pagina opnieuw en probeer het nog eens.',
  no_name: 'Vul je naam in.',
  long_name: `Je naam is te lang. Gebruik hoogstens ${maxNameLength} tekens.`,
  unknown_kern: 'Deze kern kennen we niet. Kies je kern uit de lijst.',
  too_big: 'Het verzoek is te groot.',
  not_json: 'Stuur het verzoek als JSON.',
  rate_limited: 'Te veel pogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.',
  unavailable: 'De server kan nu niets opslaan. Probeer het over een paar minuten opnieuw.',
} as const;

type ErrorCode = keyof typeof messages;

const refusalStatus: Record<InviteRefusal, number> = { unknown: 404, expired: 410, used_up: 410 };

function json(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, error: ErrorCode, headers = {}) =>
  json(res, status, { error, message: messages[error] }, headers);

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/** A display name: trimmed, inner white space collapsed; or why it cannot be used. */
export function cleanName(value: unknown): { name: string } | { error: ErrorCode } {
  if (value === undefined || value === null) return { error: 'no_name' };
  if (typeof value !== 'string') return { error: 'bad_request' };
  // Control characters (line breaks included) never belong in a name someone else reads.
  const name = value.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
  if (!name) return { error: 'no_name' };
  if ([...name].length > maxNameLength) return { error: 'long_name' };
  return { name };
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
  ) {
    super(code);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooBig = () => {
      // Read the rest away (the connection closes after the answer), so the client gets it.
      req.removeAllListeners('data');
      req.resume();
      reject(new BodyError(413, 'too_big'));
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return tooBig();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) return tooBig();
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, 'bad_request'));
      }
    });
    req.on('error', reject);
  });
}

/** A JSON object body (415 when it is not sent as JSON, 400 when it is no object). */
async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, 'not_json');
  const body = await readJson(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BodyError(400, 'bad_request');
  return body as Record<string, unknown>;
}

export function createApi(options: ApiOptions): ServeApi {
  const { config, secret, access, log } = options;
  const now = options.now ?? (() => new Date());
  const { limitLoopback, trustProxy } = options.limits;
  const rate = new RateLimit({ ...joinRate, limitLoopback });
  const residentRate = new RateLimit({
    burst: options.limits.residentBurst,
    perSecond: 1 / options.limits.residentEverySeconds,
    limitLoopback,
  });

  /** Runs a database step; a read-only connection is reopened once (see accessDb.ts). */
  function withDb<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (!isReadonly(error) || !access.reopen()) throw error;
      return step();
    }
  }

  function preview(res: ServerResponse, code: string) {
    const found = findInvite(access.db, code, now());
    if (!found.ok) return refuse(res, refusalStatus[found.refusal], found.refusal);
    json(res, 200, { kern: found.invite.kern, expiresAt: found.invite.expiresAt });
  }

  async function join(req: IncomingMessage, res: ServerResponse) {
    const body = await readObject(req);
    const { code, name: rawName } = body;
    if (typeof code !== 'string' || !code) return refuse(res, 400, 'bad_request');
    const cleaned = cleanName(rawName);
    if ('error' in cleaned) return refuse(res, 400, cleaned.error);
    const { name } = cleaned;

    const found = findInvite(access.db, code, now());
    if (!found.ok) return refuse(res, refusalStatus[found.refusal], found.refusal);
    const subject = newSubject();
    let token: string;
    try {
      token = issueToken(
        secret,
        { id: subject, role: 'commissie', kern: found.invite.kern, name },
        config,
      );
    } catch (error) {
      // The invite's kern left the configuration: the invite is of no use any more.
      if (error instanceof TokenError) return refuse(res, 404, 'unknown');
      throw error;
    }
    // Checked again as it is consumed: another member may have taken the last use meanwhile.
    const redeemed = withDb(() => redeemInvite(access.db, code, { subject, name }, now()));
    if (!redeemed.ok) return refuse(res, refusalStatus[redeemed.refusal], redeemed.refusal);
    log.info(
      { kern: redeemed.invite.kern, member: subject, usesLeft: redeemed.invite.usesLeft },
      'member joined with an invite',
    );
    json(res, 200, { token, kern: redeemed.invite.kern, name });
  }

  async function startResident(req: IncomingMessage, res: ServerResponse) {
    const body = await readObject(req);
    const cleaned = cleanName(body.name);
    if ('error' in cleaned) return refuse(res, 400, cleaned.error);
    const { name } = cleaned;
    const { kern } = body;
    if (typeof kern !== 'string') return refuse(res, 400, 'bad_request');
    if (!config.kern(kern)) return refuse(res, 400, 'unknown_kern');
    const id = newSubject();
    const token = issueToken(
      secret,
      { id, role: 'bewoner', kern, name, validForSeconds: residentTokenSeconds },
      config,
    );
    log.info({ kern, resident: id }, 'resident session started');
    json(res, 201, { token, id, name, kern });
  }

  /** One route: its method, its rate per address (every request counts) and its handler. */
  function serve(
    req: IncomingMessage,
    res: ServerResponse,
    route: { path: string; method: 'GET' | 'POST'; rate: RateLimit },
    handle: () => Promise<void> | void,
  ) {
    if (req.method !== route.method) {
      res.setHeader('Allow', route.method);
      return json(res, 405, { error: 'method_not_allowed' });
    }
    const verdict = route.rate.take(clientAddress(req, trustProxy));
    if (!verdict.ok) {
      log.info({ path: route.path }, 'rate limited');
      return refuse(res, 429, 'rate_limited', { 'Retry-After': String(verdict.retryAfterSeconds) });
    }
    Promise.resolve()
      .then(handle)
      .catch((error: unknown) => {
        if (error instanceof BodyError) {
          if (error.status === 413) res.setHeader('Connection', 'close');
          return refuse(res, error.status, error.code);
        }
        log.error({ err: error, path: route.path }, 'API request failed');
        if (res.headersSent) return res.end();
        refuse(res, 503, 'unavailable');
      });
  }

  return function serveApi(req, res, pathname) {
    if (pathname === '/api/bewoner')
      return serve(req, res, { path: pathname, method: 'POST', rate: residentRate }, () =>
        startResident(req, res),
      );
    if (pathname === '/api/join')
      return serve(req, res, { path: pathname, method: 'POST', rate }, () => join(req, res));
    if (pathname.startsWith('/api/join/')) {
      const code = safeDecode(pathname.slice('/api/join/'.length));
      // The code is a secret: the route is logged without it.
      return serve(req, res, { path: '/api/join', method: 'GET', rate }, () => preview(res, code));
    }
    json(res, 404, { error: 'not_found', path: pathname });
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
