/**
 * A gemeente bericht (notice) as a record: its kinds, types, the Dutch validator of what the
 * gemeente types, the stored form and the read-time defaults, together; notices.ts writes and
 * reads them in the `gemeente/berichten` document, noticeView.ts says who sees what, when.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { text, time, type EntrySource } from './boardEntry';

export const noticeKinds = ['werkzaamheden', 'afsluiting', 'evenement', 'algemeen'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeKindLabels: Record<NoticeKind, string> = {
  werkzaamheden: 'Werkzaamheden',
  afsluiting: 'Afsluiting',
  evenement: 'Evenement',
  algemeen: 'Algemeen',
};
/** Kinds about works: shown first while they run. */
export const worksKinds: readonly NoticeKind[] = ['werkzaamheden', 'afsluiting'];

export const noticeLimits = { title: 120, text: 4000, place: 200, link: 500, answer: 2000 };

export type Kernen = readonly string[] | 'alle';

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  text?: string;
  kernen: Kernen;
  /** First day, 'YYYY-MM-DD'. */
  from: string;
  /** Last day (inclusive), 'YYYY-MM-DD'; null or absent when open-ended. */
  until?: string | null;
  /** Street or area, as text. */
  place?: string;
  /** An https:// address with more information. */
  link?: string | null;
}

export interface Notice {
  id: string;
  kind: NoticeKind;
  title: string;
  text: string;
  kernen: Kernen;
  from: string;
  until: string | null;
  place: string;
  link: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** When the gemeente ended it early. */
  endedAt: string | null;
  withdrawnAt: string | null;
}

export interface Answer {
  id: string;
  questionId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** A real calendar date written 'YYYY-MM-DD'. */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The address as it is stored, or null when it is not a plain https:// address. */
export function httpsLink(value: string): string | null {
  if (typeof value !== 'string' || value.trim().length > noticeLimits.link) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' || !url.hostname.includes('.')) return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Dutch messages per field ({} when valid). */
export function validateNoticeInput(input: NoticeInput, config: GemeenteConfig) {
  const errors: Record<string, string> = {};
  if (!isOneOf(noticeKinds, input?.kind)) errors.kind = 'Kies wat voor bericht het is.';
  const title = typeof input?.title === 'string' ? input.title.trim() : '';
  if (!title) errors.title = 'Vul een titel in.';
  else if (title.length > noticeLimits.title)
    errors.title = `Maak de titel korter: ten hoogste ${noticeLimits.title} tekens.`;
  const body = input?.text ?? '';
  if (typeof body !== 'string') errors.text = 'Vul de tekst in als tekst.';
  else if (body.trim().length > noticeLimits.text)
    errors.text = `Maak de tekst korter: ten hoogste ${noticeLimits.text} tekens.`;
  const kernen = input?.kernen;
  if (kernen !== 'alle') {
    if (!Array.isArray(kernen) || kernen.length === 0)
      errors.kernen = 'Kies voor welke kernen dit bericht is.';
    else {
      const unknown = kernen.find((slug) => typeof slug !== 'string' || !config.kern(slug));
      if (unknown !== undefined) errors.kernen = `Deze kern kennen we niet: ${String(unknown)}.`;
    }
  }
  if (!isDate(input?.from)) errors.from = 'Vul een geldige begindatum in.';
  const until = input?.until ?? null;
  if (until !== null && !isDate(until)) errors.until = 'Vul een geldige einddatum in.';
  else if (until !== null && isDate(input?.from) && until < input.from)
    errors.until = 'De einddatum ligt voor de begindatum.';
  const place = input?.place ?? '';
  if (typeof place !== 'string') errors.place = 'Vul de plaats in als tekst.';
  else if (place.trim().length > noticeLimits.place)
    errors.place = `Maak de plaats korter: ten hoogste ${noticeLimits.place} tekens.`;
  const link = input?.link ?? null;
  if (link !== null && link.trim() !== '' && httpsLink(link) === null)
    errors.link = 'Vul een volledig webadres in dat begint met https://.';
  return errors;
}

/** The stored fields of a valid input, in the stored form. */
export function storedValues(input: NoticeInput): [string, unknown][] {
  const link = input.link?.trim() ? httpsLink(input.link) : null;
  return [
    ['kind', input.kind],
    ['title', input.title.trim()],
    ['text', (input.text ?? '').trim()],
    ['kernen', input.kernen === 'alle' ? 'alle' : [...new Set(input.kernen)]],
    ['from', input.from],
    ['until', input.until ?? null],
    ['place', (input.place ?? '').trim()],
    ['link', link],
  ];
}

function readKernen(value: unknown): Kernen {
  if (value === 'alle') return 'alle';
  if (!Array.isArray(value)) return Object.freeze([]);
  return Object.freeze(value.filter((slug): slug is string => typeof slug === 'string'));
}

/** A frozen snapshot of one stored notice, with read-time defaults. */
export function readNotice(id: string, map: EntrySource): Notice {
  const kind = map.get('kind');
  const until = map.get('until');
  const link = map.get('link');
  return Object.freeze({
    id,
    kind: isOneOf(noticeKinds, kind) ? kind : 'algemeen',
    title: text(map, 'title'),
    text: text(map, 'text'),
    kernen: readKernen(map.get('kernen')),
    from: text(map, 'from'),
    until: isDate(until) ? until : null,
    place: text(map, 'place'),
    link: typeof link === 'string' ? httpsLink(link) : null,
    createdAt: text(map, 'createdAt'),
    createdBy: text(map, 'createdBy'),
    updatedAt: text(map, 'updatedAt'),
    updatedBy: text(map, 'updatedBy'),
    endedAt: time(map, 'endedAt'),
    withdrawnAt: time(map, 'withdrawnAt'),
  });
}
