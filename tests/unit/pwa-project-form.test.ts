/**
 * The project form's conversion (src/ui/plein/projectForm.ts): a project survives the round
 * trip through the form's strings; what a person types is parsed the Dutch way, and what does
 * not parse gets a Dutch message at its own field; an edit writes only what changed and is
 * judged on that, without ever dropping a changed value that did not parse.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProject, findProject, type ProjectInput } from '../../src/model/inspiration';
import {
  changedProjectInput,
  errorsOfEdit,
  fieldOfError,
  initialProjectValues,
  toProjectInput,
  type ProjectFormValues,
} from '../../src/ui/plein/projectForm';
import { westBetuwe as config } from './support/config';

const playground: ProjectInput = {
  kern: 'beesd',
  title: 'Speeltuin bij de school',
  theme: 'sport-cultuur-en-recreatie',
  description: 'Een speeltuin voor kinderen tot 12 jaar.\nMet een hek.',
  status: 'gerealiseerd',
  realisedIn: 2025,
  costCents: 180050,
  funding: {
    budgetCents: 150000,
    ownMoneyCents: 10000,
    volunteerHours: 40,
    otherFunds: [{ name: 'Oranjefonds', cents: 20050 }],
  },
  needs: [
    { kind: 'vergunning', text: 'Omgevingsvergunning voor het hek' },
    { kind: 'vrijwilligers', text: 'Acht ouders voor de bouwdag' },
    { kind: 'vrijwilligers', text: 'Een aannemer' },
  ],
  lessons: 'Vraag de buren vroeg om hun mening.',
  contact: { name: 'Jan de Vries', reach: '06-12345678' },
};

function stored() {
  const doc = new Y.Doc();
  const id = addProject(doc, playground, { actor: 'Els', now: '2026-01-10T10:00:00.000Z', config });
  return findProject(doc, id)!;
}

const fresh = (patch: Partial<ProjectFormValues> = {}): ProjectFormValues => ({
  ...initialProjectValues(null, { kern: 'heukelum', year: 2026 }),
  title: 'Jeu-de-boulesbaan',
  theme: 'sport-cultuur-en-recreatie',
  ...patch,
});

describe('the project form', () => {
  it('shows a stored project as text and reads it back unchanged', () => {
    const values = initialProjectValues(stored(), { kern: 'heukelum', year: 2026 });
    expect(values).toMatchObject({
      kern: 'beesd',
      realisedIn: '2025',
      cost: '1800,50',
      budget: '1500',
      ownMoney: '100',
      volunteerHours: '40',
      otherFunds: 'Oranjefonds: 200,50',
      'need-vergunning': 'Omgevingsvergunning voor het hek',
      'need-vrijwilligers': 'Acht ouders voor de bouwdag\nEen aannemer',
      'need-materiaal': '',
    });
    const { input, errors } = toProjectInput(values, config);
    expect(errors).toEqual({});
    expect(input).toEqual(playground);
  });

  it('starts a new project in the given kern and year, realised, with nothing filled in', () => {
    const { input, errors } = toProjectInput(fresh(), config);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      kern: 'heukelum',
      status: 'gerealiseerd',
      realisedIn: 2026,
      costCents: null,
      funding: { budgetCents: 0, ownMoneyCents: 0, volunteerHours: 0, otherFunds: [] },
      needs: [],
    });
  });

  it('reads amounts, funds and years as people type them', () => {
    const { input, errors } = toProjectInput(
      fresh({
        cost: '€ 2.500',
        budget: '1.250,50',
        otherFunds: 'Oranjefonds 250\n\n  Rabo Clubsupport 2024: € 300,-  ',
        status: 'gepland',
        realisedIn: 'niet van toepassing',
      }),
      config,
    );
    expect(errors).toEqual({});
    expect(input.costCents).toBe(250000);
    expect(input.funding?.budgetCents).toBe(125050);
    expect(input.funding?.otherFunds).toEqual([
      { name: 'Oranjefonds', cents: 25000 },
      { name: 'Rabo Clubsupport 2024', cents: 30000 },
    ]);
    expect(input.realisedIn, 'a planned project has no year').toBeNull();
  });

  it('says in Dutch, at each field, what does not parse or is missing', () => {
    const { errors } = toProjectInput(
      fresh({
        title: ' ',
        theme: '',
        cost: 'veel',
        volunteerHours: '4,5',
        otherFunds: 'Oranjefonds',
        realisedIn: '25',
      }),
      config,
    );
    expect(errors).toEqual({
      title: 'Vul een titel in.',
      theme: 'Kies een thema.',
      cost: 'Vul een bedrag in zoals 250 of 1.250,50.',
      volunteerHours: 'Vul de vrijwilligersuren in als een heel getal, zoals 40.',
      otherFunds: expect.stringContaining('Schrijf elk ander fonds op een eigen regel'),
      realisedIn: 'Vul het jaar in met vier cijfers, zoals 2025.',
    });
    expect(toProjectInput(fresh({ realisedIn: '' }), config).errors).toEqual({
      realisedIn: 'Vul het jaar in waarin het project klaar was.',
    });
    const over = toProjectInput(fresh({ cost: '100', budget: '150' }), config).errors;
    expect(over).toEqual({ funding: 'De bijdragen in geld zijn samen meer dan de kosten.' });
    expect(fieldOfError('funding'), 'shown at the cost').toBe('cost');
    expect(fieldOfError('needs')).toBe('need-vergunning');
    expect(fieldOfError('ownMoney')).toBe('ownMoney');
    expect(fieldOfError('project')).toBeNull();
  });

  it('writes only what an edit changed, funding and contact field by field', () => {
    const opened = initialProjectValues(stored(), { kern: 'beesd', year: 2026 });
    const values = {
      ...opened,
      lessons: 'Begin op tijd.',
      ownMoney: '150',
      contactReach: 'jan@example.nl',
    };
    const patch = changedProjectInput(
      toProjectInput(values, config).input,
      toProjectInput(opened, config).input,
    );
    expect(patch).toEqual({
      lessons: 'Begin op tijd.',
      funding: { ownMoneyCents: 15000 },
      contact: { reach: 'jan@example.nl' },
    });
  });

  it('judges an edit on what it changed, and never drops a changed value that did not parse', () => {
    const opened = initialProjectValues(stored(), { kern: 'beesd', year: 2026 });
    opened.ownMoney = '';
    const values = { ...opened, ownMoney: 'veel', lessons: 'Begin op tijd.' };
    const checked = toProjectInput(values, config);
    const patch = changedProjectInput(checked.input, toProjectInput(opened, config).input);
    expect(patch, 'the stand-in for "veel" equals what was there').toEqual({
      lessons: 'Begin op tijd.',
    });
    expect(errorsOfEdit(checked, values, opened, patch)).toEqual({
      ownMoney: 'Vul een bedrag in zoals 250 of 1.250,50.',
    });
    // A field left as it was is not judged, even when it would not pass today.
    const untouched = { ...opened, cost: 'onbekend' };
    const fine = { ...untouched, lessons: 'Nog een les.' };
    const fineChecked = toProjectInput(fine, config);
    const finePatch = changedProjectInput(
      fineChecked.input,
      toProjectInput(untouched, config).input,
    );
    expect(errorsOfEdit(fineChecked, fine, untouched, finePatch)).toEqual({});
  });
});
