/**
 * The CSV export, read back with a small RFC 4180 parser (semicolons) and compared with the
 * agenda: quotes, semicolons, line breaks, diacritics, Dutch amounts and dates, BOM, CRLF.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  readKernagenda,
  updatePoint,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import { csvAmount, csvColumns, csvDate, csvFileName, kernagendaCsv } from '../../src/model/csv';
import { agendaForYear } from '../../src/model/yearView';
import { westBetuwe as config } from './support/config';

/** RFC 4180 records, `;`-separated; throws on anything malformed. Checks CRLF line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && cell === '') {
      // A quoted field: up to the closing quote; "" is one quote.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      if (i < text.length && text[i] !== ';' && text[i] !== '\r')
        throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    const c = text[i]!;
    if (c === ';') {
      record.push(cell);
      cell = '';
      i++;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else if (c === '"') {
      throw new Error(`quote inside an unquoted field at ${i}`);
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || record.length) throw new Error('last record does not end with CRLF');
  return records;
}

const ctx = (now: string, actor = 'Zoë de Vries'): EditContext => ({ actor, now, config });
const input = (over: Partial<PointInput> = {}): PointInput => ({
  title: 'Speeltuin',
  theme: 'sport-cultuur-en-recreatie',
  owner: 'inwoners',
  status: 'idee',
  ...over,
});

function agenda() {
  const doc = new Y.Doc();
  addPoint(
    doc,
    input({
      title: 'Bankjes; "mooi" en stevig',
      contact: 'Çelik, Ayşe',
      description: 'Eerste regel\nTweede regel; met "quotes"',
      budget: { year: 2026, amountCents: 150000, kind: 'nieuw' },
    }),
    ctx('2026-03-01T10:00:00.000Z'),
  );
  addPoint(
    doc,
    input({
      title: 'Twee\nregels',
      theme: 'verkeer-en-vervoer',
      owner: 'gemeente',
      status: 'in-uitvoering',
      budget: { year: 2026, amountCents: 5, kind: 'bestaand' },
    }),
    ctx('2026-06-30T22:30:00.000Z', 'Jan'), // 1 July in Beesd
  );
  const late = addPoint(
    doc,
    input({
      title: '=HYPERLINK("http://x")',
      owner: 'samen',
      status: 'lukt-niet',
      budget: { year: 2026, amountCents: 200000, kind: 'nieuw' },
    }),
    ctx('2026-12-31T23:30:00.000Z'), // 1 January 2027 in Beesd: counts for 2027
  );
  addPoint(doc, input({ title: 'Zonder geld 🌳', contact: '-' }), ctx('2026-04-01T10:00:00.000Z'));
  updatePoint(doc, late, { status: 'gerealiseerd' }, ctx('2027-01-02T09:00:00.000Z', 'Fatima'));
  return { doc, agenda: readKernagenda(doc) };
}

describe('kernagendaCsv', () => {
  it('starts with a BOM, ends every record with CRLF, and reads back as the agenda', () => {
    const { agenda: a } = agenda();
    const csv = kernagendaCsv(a, config);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([...csvColumns]);
    expect(header).toEqual([
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
    ]);
    expect(rows).toEqual([
      [
        'Bankjes; "mooi" en stevig',
        'Sport, cultuur en recreatie',
        'Inwoners',
        'Idee',
        'Çelik, Ayşe',
        '2026',
        '1500,00',
        'nieuw',
        '01-03-2026',
        '01-03-2026',
        'Zoë de Vries',
      ],
      [
        'Zonder geld 🌳',
        'Sport, cultuur en recreatie',
        'Inwoners',
        'Idee',
        "'-",
        '',
        '',
        '',
        '01-04-2026',
        '01-04-2026',
        'Zoë de Vries',
      ],
      [
        'Twee\nregels',
        'Verkeer en vervoer',
        'Gemeente',
        'In uitvoering',
        '',
        '2026',
        '0,05',
        'bestaand',
        '01-07-2026',
        '01-07-2026',
        'Jan',
      ],
      [
        '\'=HYPERLINK("http://x")',
        'Sport, cultuur en recreatie',
        'Samen',
        'Gerealiseerd',
        '',
        '2027',
        '2000,00',
        'nieuw',
        '01-01-2027',
        '02-01-2027',
        'Fatima',
      ],
    ]);
    // Every row belongs to a point, in the agenda's order.
    expect(rows.map((r) => r[0]!.replace(/^'/, ''))).toEqual(a.points.map((p) => p.title));
  });

  it('quotes exactly the fields that need it, the RFC 4180 way', () => {
    const { agenda: a } = agenda();
    const csv = kernagendaCsv(a, config);
    expect(csv).toContain('"Bankjes; ""mooi"" en stevig";Sport, cultuur en recreatie;');
    expect(csv).toContain('"Twee\nregels";Verkeer en vervoer;Gemeente;In uitvoering;;2026;0,05;');
    expect(csv).toContain("\r\nZonder geld 🌳;Sport, cultuur en recreatie;Inwoners;Idee;'-;;;;");
    // Only quoted line breaks are bare LF; records end with CRLF.
    expect(csv.split('\r\n')).toHaveLength(a.points.length + 2);
  });

  it('adds the description as a last column when asked', () => {
    const { agenda: a } = agenda();
    const [header, first] = parseCsv(kernagendaCsv(a, config, { description: true }).slice(1));
    expect(header!.at(-1)).toBe('Beschrijving');
    expect(first!.at(-1)).toBe('Eerste regel\nTweede regel; met "quotes"');
  });

  it('exports one year’s agenda, and an empty agenda as just the header', () => {
    const { agenda: a } = agenda();
    const rows = parseCsv(kernagendaCsv(agendaForYear(a, 2027, config.budget), config).slice(1));
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'Bankjes; "mooi" en stevig',
      'Zonder geld 🌳',
      'Twee\nregels',
      '\'=HYPERLINK("http://x")',
    ]);
    expect(kernagendaCsv(readKernagenda(new Y.Doc()), config)).toBe(
      '\uFEFF' + csvColumns.join(';') + '\r\n',
    );
  });
});

describe('csv helpers', () => {
  it('has a test parser that refuses what Excel would misread', () => {
    expect(parseCsv('a;"b;""c"""\r\n')).toEqual([['a', 'b;"c"']]);
    expect(() => parseCsv('a;b\n')).toThrow('bare LF');
    expect(() => parseCsv('a;b\r\nc')).toThrow('CRLF');
    expect(() => parseCsv('a;"b\r\n')).toThrow('unterminated');
    expect(() => parseCsv('a;b"c\r\n')).toThrow('quote inside');
  });

  it('writes amounts Excel-NL reads as numbers, and Amsterdam dates', () => {
    expect([0, 5, 99, 100, 150000, 123456789].map(csvAmount)).toEqual([
      '0,00',
      '0,05',
      '0,99',
      '1,00',
      '1500,00',
      '1234567,89',
    ]);
    expect(csvAmount(-50000)).toBe('-500,00');
    expect(csvDate('2026-12-01T22:59:59.000Z')).toBe('01-12-2026');
    expect(csvDate('2026-12-01T23:00:00.000Z')).toBe('02-12-2026');
    expect(csvDate('2026-06-30T22:00:00.000Z')).toBe('01-07-2026');
    expect(csvDate('')).toBe('');
    expect(csvFileName('beesd', '2026-12-31T23:30:00.000Z')).toBe(
      'kernagenda-beesd-2027-01-01.csv',
    );
    expect(csvFileName('beesd', 'nooit')).toBe('kernagenda-beesd.csv');
  });
});
