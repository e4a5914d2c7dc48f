/**
 * The gemeente's notice form as values (src/ui/gemeente/noticeForm.ts): a new and an
 * existing notice in the form, the choice of kernen, and the input the model gets.
 */
import { describe, expect, it } from 'vitest';
import { validateNoticeInput, type Notice } from '../../src/model/notices';
import {
  initialNoticeValues,
  targetOf,
  toggleKern,
  toNoticeInput,
} from '../../src/ui/gemeente/noticeForm';
import { westBetuwe as config } from './support/config';

const order = config.kernen.map((k) => k.slug);

describe('the notice form', () => {
  it('starts a new notice today, about works, for no kern yet (the model refuses that)', () => {
    const values = initialNoticeValues(null, '2027-03-10');
    expect(values).toMatchObject({ kind: 'werkzaamheden', from: '2027-03-10', until: '' });
    expect(targetOf(values)).toEqual([]);
    expect(validateNoticeInput(toNoticeInput(values), config)).toEqual({
      title: 'Vul een titel in.',
      kernen: 'Kies voor welke kernen dit bericht is.',
    });
  });

  it('turns empty optional fields into none, and "Alle kernen" into alle', () => {
    const values = {
      ...initialNoticeValues(null, '2027-03-10'),
      title: 'Kermis',
      all: true,
      kernen: ['beesd'],
      until: '  ',
      link: ' ',
    };
    expect(toNoticeInput(values)).toEqual({
      kind: 'werkzaamheden',
      title: 'Kermis',
      text: '',
      kernen: 'alle',
      from: '2027-03-10',
      until: null,
      place: '',
      link: null,
    });
    expect(validateNoticeInput(toNoticeInput(values), config)).toEqual({});
  });

  it('ticks and unticks kernen, kept in configuration order', () => {
    let kernen = toggleKern([], 'heukelum', true, order);
    kernen = toggleKern(kernen, 'beesd', true, order);
    kernen = toggleKern(kernen, 'beesd', true, order);
    expect(kernen).toEqual(['beesd', 'heukelum']);
    expect(toggleKern(kernen, 'heukelum', false, order)).toEqual(['beesd']);
  });

  it('opens an existing notice as it is and gives the same input back', () => {
    const notice: Notice = {
      id: 'n1',
      kind: 'afsluiting',
      title: 'Brug dicht',
      text: 'Omleiding via de dijk.',
      kernen: 'alle',
      from: '2027-03-01',
      until: '2027-03-02',
      place: 'Waalbrug',
      link: 'https://www.westbetuwe.nl/',
      createdAt: '2027-02-01T08:00:00.000Z',
      createdBy: 'Gemeente',
      updatedAt: '2027-02-01T08:00:00.000Z',
      updatedBy: 'Gemeente',
      endedAt: null,
      withdrawnAt: null,
    };
    const values = initialNoticeValues(notice, '2027-03-10');
    expect(values).toMatchObject({ all: true, kernen: [], until: '2027-03-02' });
    expect(toNoticeInput(values)).toEqual({
      kind: 'afsluiting',
      title: 'Brug dicht',
      text: 'Omleiding via de dijk.',
      kernen: 'alle',
      from: '2027-03-01',
      until: '2027-03-02',
      place: 'Waalbrug',
      link: 'https://www.westbetuwe.nl/',
    });
  });
});
