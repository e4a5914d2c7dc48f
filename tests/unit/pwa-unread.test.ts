/**
 * Unread gemeente notices and new arrivals (src/ui/notices/unread.ts), and notices in words
 * (src/ui/notices/noticeText.ts): pure functions over notice snapshots.
 */
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/model/notices';
import {
  kernenText,
  namesList,
  notificationText,
  periodText,
  visibleForText,
} from '../../src/ui/notices/noticeText';
import { arrivals, countedNotices, unreadNotices } from '../../src/ui/notices/unread';
import { westBetuwe as config } from './support/config';

const now = '2027-03-10T09:00:00.000Z';

const notice = (id: string, over: Partial<Notice> = {}): Notice => ({
  id,
  kind: 'werkzaamheden',
  title: `Bericht ${id}`,
  text: '',
  kernen: ['beesd'],
  from: '2027-03-01',
  until: '2027-03-31',
  place: '',
  link: null,
  createdAt: '2027-03-01T08:00:00.000Z',
  createdBy: 'Gemeente',
  updatedAt: '2027-03-01T08:00:00.000Z',
  updatedBy: 'Gemeente',
  endedAt: null,
  withdrawnAt: null,
  ...over,
});

const all = [
  notice('lopend'),
  notice('gepland', { from: '2027-04-01', until: null }),
  notice('afgelopen', { until: '2027-03-09' }),
  notice('beeindigd', { endedAt: '2027-03-05T10:00:00.000Z' }),
  notice('ingetrokken', { withdrawnAt: '2027-03-05T10:00:00.000Z' }),
  notice('heukelum', { kernen: ['heukelum'] }),
  notice('alle', { kernen: 'alle', kind: 'algemeen' }),
];
const ids = (list: readonly Notice[]) => list.map((n) => n.id).sort();

describe('unread notices', () => {
  it('count only current and coming notices for the followed kernen', () => {
    expect(ids(countedNotices(all, ['beesd'], now))).toEqual(['alle', 'gepland', 'lopend']);
    expect(ids(countedNotices(all, ['heukelum'], now))).toEqual(['alle', 'heukelum']);
    expect(ids(countedNotices(all, ['beesd', 'heukelum'], now))).toEqual(
      ['alle', 'gepland', 'heukelum', 'lopend'].sort(),
    );
  });

  it('count nothing for a device that follows no kern, even notices for all kernen', () => {
    expect(countedNotices(all, [], now)).toEqual([]);
    expect(unreadNotices(all, [], new Set(), now)).toEqual([]);
  });

  it('leave out what this device has shown', () => {
    expect(ids(unreadNotices(all, ['beesd'], new Set(['lopend', 'afgelopen']), now))).toEqual([
      'alle',
      'gepland',
    ]);
    expect(unreadNotices(all, ['beesd'], new Set(['lopend', 'gepland', 'alle']), now)).toEqual([]);
  });

  it('stop counting a notice once it is withdrawn or ended, read or not', () => {
    const before = [notice('x')];
    expect(ids(unreadNotices(before, ['beesd'], new Set(), now))).toEqual(['x']);
    const withdrawn = [notice('x', { withdrawnAt: '2027-03-10T08:00:00.000Z' })];
    expect(unreadNotices(withdrawn, ['beesd'], new Set(), now)).toEqual([]);
  });

  it('a coming notice starts counting as current on its first day', () => {
    const coming = [notice('later', { from: '2027-03-11', until: '2027-03-11' })];
    expect(countedNotices(coming, ['beesd'], now)[0]?.status).toBe('gepland');
    // 23:30 UTC on the 10th is already the 11th in Amsterdam.
    expect(countedNotices(coming, ['beesd'], '2027-03-10T23:30:00.000Z')[0]?.status).toBe('lopend');
  });
});

describe('new arrivals (notifications)', () => {
  it('are the counted notices not seen before and not written here', () => {
    const seen = new Set(['lopend']);
    expect(ids(arrivals(all, ['beesd'], seen, new Set(), now))).toEqual(['alle', 'gepland']);
    expect(ids(arrivals(all, ['beesd'], seen, new Set(['alle']), now))).toEqual(['gepland']);
  });

  it('never announce a notice for another kern, nor one already in the archive', () => {
    expect(ids(arrivals(all, ['heukelum'], new Set(['alle']), new Set(), now))).toEqual([
      'heukelum',
    ]);
    const archived = [notice('old', { until: '2027-03-01' })];
    expect(arrivals(archived, ['beesd'], new Set(), new Set(), now)).toEqual([]);
  });
});

describe('notices in words', () => {
  it('says the period as people read it', () => {
    expect(periodText('2027-03-03', '2027-03-14')).toBe('van 3 maart tot en met 14 maart 2027');
    expect(periodText('2026-12-28', '2027-01-04')).toBe(
      'van 28 december 2026 tot en met 4 januari 2027',
    );
    expect(periodText('2027-03-03', '2027-03-03')).toBe('op 3 maart 2027');
    expect(periodText('2027-03-03', null)).toBe('vanaf 3 maart 2027');
  });

  it('names the kernen in configuration order, and the preview of who sees a notice', () => {
    expect(namesList(['Beesd'])).toBe('Beesd');
    expect(namesList(['Asperen', 'Beesd', 'Tuil'])).toBe('Asperen, Beesd en Tuil');
    expect(kernenText(['heukelum', 'beesd'], config)).toBe('Beesd en Heukelum');
    expect(kernenText('alle', config)).toBe('alle kernen');
    expect(visibleForText(['heukelum', 'beesd'], config)).toBe('Zichtbaar voor: Beesd, Heukelum');
    expect(visibleForText('alle', config)).toBe('Zichtbaar voor: alle 26 kernen');
    expect(visibleForText([], config)).toBe('Nog voor geen enkele kern. Kies minstens één kern.');
  });

  it('makes a short notification: title, then kind, kernen, period and place, then the text', () => {
    const long = 'a'.repeat(300);
    const { title, body } = notificationText(
      notice('n', {
        title: 'Wegwerkzaamheden Markt',
        place: 'Markt',
        text: long,
        until: '2027-03-14',
      }),
      config,
    );
    expect(title).toBe('Wegwerkzaamheden Markt');
    const [facts, text] = body.split('\n');
    expect(facts).toBe('Werkzaamheden in Beesd, van 1 maart tot en met 14 maart 2027, Markt.');
    expect(text).toHaveLength(120);
    expect(text!.endsWith('…')).toBe(true);
  });
});
