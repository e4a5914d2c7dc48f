/**
 * The kernagenda as a CSV file for the gemeente's administration, made for Excel with Dutch
 * settings: it opens with a double click and its amounts and dates are numbers and dates.
 *
 * Owns the file's shape: UTF-8 with a byte order mark (without it Excel reads UTF-8 as
 * Windows-1252 and "Zoë" turns into "ZoÃ«"); semicolons between fields (Excel's separator
 * where the decimal sign is a comma; no "sep=;" line, as Excel then ignores the BOM); CRLF
 * after every record; RFC 4180 quoting of a field with a semicolon, a double quote or a line
 * break. Amounts are plain decimals with a comma and no thousands dot, "1500,00", in a column
 * named "Bedrag (€)": Excel-NL reads that as the number 1500, a grouped "1.500,00" is
 * misread by any tool set to English (1,5) and "€ 1.500,00" is text to most importers. Dates
 * are dd-mm-jjjj on the Europe/Amsterdam calendar, which Excel-NL reads as dates. Text that
 * starts with =, +, -, @ or a tab gets a leading apostrophe, so Excel never runs it as a
 * formula (CSV injection). "Jaar" is the budget year a request counts for (budget.ts).
 * Pass a year's view (yearView.ts) to export one year's agenda.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { amsterdamDay, requestYear } from './budget';
import type { Kernagenda } from './kernagenda';
import { ownerLabels, statusLabels, type Point } from './point';

export interface CsvOptions {
  /** Adds a last column with each point's description (often several lines). */
  description?: boolean;
}

export const csvColumns = [
  'Titel',
  'Thema',
  'Wie pakt het op',
  'Status',
  'Contactpersoon',
  'Jaar',
  'Bedrag (€)',
  'Soort',
  'Aangemaakt',
  'Gewijzigd',
  'Gewijzigd door',
] as const;

const bom = '\uFEFF';
const crlf = '\r\n';

/** Cents as Excel-NL reads a number: 150000 -> '1500,00'. */
export function csvAmount(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  const sign = cents < 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** An ISO time as its Europe/Amsterdam date, dd-mm-jjjj ('' when it is not a time). */
export function csvDate(iso: string): string {
  const day = amsterdamDay(iso);
  if (!day) return '';
  const [month, date] = day[1].split('-');
  return `${date}-${month}-${day[0]}`;
}

/** Text that Excel must not take for a formula. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** One field, quoted when it has to be (RFC 4180). */
const field = (value: string) =>
  /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Text for a cell of any CSV file of this shape (the gemeente's overview, overview.ts). */
export const csvText = text;

/** A whole CSV file of this shape: BOM, `;` between fields, quoting, CRLF after each record. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return bom + rows.map((cells) => cells.map(field).join(';') + crlf).join('');
}

function row(p: Point, config: GemeenteConfig, options: CsvOptions): string[] {
  const cells = [
    text(p.title),
    text(config.theme(p.theme)?.name ?? p.theme),
    ownerLabels[p.owner],
    statusLabels[p.status],
    text(p.contact),
    p.budget ? String(requestYear(p.budget, config.budget)) : '',
    p.budget ? csvAmount(p.budget.amountCents) : '',
    p.budget?.kind ?? '',
    csvDate(p.createdAt),
    csvDate(p.updatedAt),
    text(p.updatedBy),
  ];
  if (options.description) cells.push(text(p.description));
  return cells;
}

/**
 * The CSV text of the agenda's points, in the agenda's order, with a header row; starts
 * with the BOM. Save it as UTF-8 (a Blob or TextEncoder does) with type text/csv.
 */
export function kernagendaCsv(
  agenda: Kernagenda,
  config: GemeenteConfig,
  options: CsvOptions = {},
): string {
  const header: string[] = [...csvColumns];
  if (options.description) header.push('Beschrijving');
  const rows = [header, ...agenda.points.map((p) => row(p, config, options))];
  return csvDocument(rows);
}

/** 'kernagenda-beesd-2026-12-04.csv': the agenda's slug and the Amsterdam date of `now`. */
export function csvFileName(slug: string, now: string): string {
  const day = amsterdamDay(now);
  const date = day ? `-${day[0]}-${day[1]}` : '';
  return `kernagenda-${slug}${date}.csv`;
}
