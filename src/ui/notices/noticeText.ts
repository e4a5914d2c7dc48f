/**
 * Gemeente notices in words, the same on every screen that shows them (Berichten, the kern
 * page, the gemeente screen, a system notification): the period, the kernen, where a notice
 * stands, and the preview "Zichtbaar voor: …". Pure: dates are the 'YYYY-MM-DD' calendar
 * days the model stores, read as days (never shifted by a time zone).
 */
import type { GemeenteConfig } from '../../config/gemeente';
import { noticeKindLabels, type Kernen, type Notice, type NoticeView } from '../../model/notices';
import { formatMoment } from '../shell/time';

const dayMonth = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
const dayMonthYear = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "3 maart 2027" for '2027-03-03'. */
export const formatDay = (day: string) => dayMonthYear.format(asDate(day));

/** "van 3 maart tot en met 14 maart 2027", "op 3 maart 2027" or "vanaf 3 maart 2027". */
export function periodText(from: string, until: string | null): string {
  if (!from) return 'datum onbekend';
  if (until === null) return `vanaf ${formatDay(from)}`;
  if (until === from) return `op ${formatDay(from)}`;
  const sameYear = from.slice(0, 4) === until.slice(0, 4);
  const start = sameYear ? dayMonth.format(asDate(from)) : formatDay(from);
  return `van ${start} tot en met ${formatDay(until)}`;
}

/** "Beesd", "Beesd en Heukelum", "Asperen, Beesd en Heukelum" (a list in Dutch). */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/** The names of the kernen a notice is for, in configuration order; unknown slugs as given. */
export function kernNames(kernen: Kernen, config: GemeenteConfig): string[] {
  if (kernen === 'alle') return [];
  const order = config.kernen.map((k) => k.slug);
  return [...kernen]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((slug) => config.kern(slug)?.name ?? slug);
}

/** "alle kernen" or "Beesd en Heukelum". */
export function kernenText(kernen: Kernen, config: GemeenteConfig): string {
  return kernen === 'alle' ? 'alle kernen' : namesList(kernNames(kernen, config));
}

/** The live preview under the choice of kernen on the gemeente screen. */
export function visibleForText(kernen: Kernen, config: GemeenteConfig): string {
  if (kernen === 'alle') return `Zichtbaar voor: alle ${config.kernen.length} kernen`;
  if (kernen.length === 0) return 'Nog voor geen enkele kern. Kies minstens één kern.';
  return `Zichtbaar voor: ${kernNames(kernen, config).join(', ')}`;
}

export const kindText = (notice: Pick<Notice, 'kind'>) => noticeKindLabels[notice.kind];

/** Where a notice stands, in a few words ("Nu bezig", "Ingetrokken op 3 maart 2027 om 10:00"). */
export function statusText(view: NoticeView): string {
  switch (view.status) {
    case 'lopend':
      return 'Nu bezig';
    case 'gepland':
      return `Begint ${formatDay(view.from)}`;
    case 'afgelopen':
      return 'Afgelopen';
    case 'beeindigd':
      return `Eerder beëindigd op ${formatMoment(view.endedAt ?? '')}`;
    case 'ingetrokken':
      return `Ingetrokken op ${formatMoment(view.withdrawnAt ?? '')}`;
  }
}

const shorten = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** Title and short text of the system notification for a new notice. */
export function notificationText(
  notice: Notice,
  config: GemeenteConfig,
): { title: string; body: string } {
  const facts = [
    `${kindText(notice)} in ${kernenText(notice.kernen, config)}`,
    periodText(notice.from, notice.until),
    notice.place,
  ].filter(Boolean);
  const body = [facts.join(', ') + '.', notice.text ? shorten(notice.text, 120) : '']
    .filter(Boolean)
    .join('\n');
  return { title: notice.title, body };
}
