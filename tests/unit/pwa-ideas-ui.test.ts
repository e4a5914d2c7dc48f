// The ideas board's pure UI helpers: the idea form's values -> the model's IdeaInput (and
// back), its sentences, the resident name rule, and the links from points back to ideas.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hideIdea, readIdeaDecisions, takeIdeaIntoAgenda } from '../../src/model/ideaDecisions';
import { addIdea, readIdeas, updateIdea, type IdeaInput } from '../../src/model/ideas';
import { residentNameProblem } from '../../src/sync/resident';
import {
  changedIdeaInput,
  costMessage,
  costText,
  ideaInitialValues,
  toIdeaInput,
  touchedIdeaFields,
} from '../../src/ui/ideas/ideaForm';
import { hiddenLine, ideasPath, supportSentence } from '../../src/ui/ideas/ideaWords';
import { ideaAddress, pointIdeaLinks, sameIdeaLinks } from '../../src/ui/kern/ideaLinks';
import { proef as config } from './support/config';

const blank = ideaInitialValues(null);
const writer = {
  id: 'bewoner-1',
  name: 'Anna',
  role: 'bewoner' as const,
  now: '2027-03-01T10:00:00.000Z',
  config,
};

describe('toIdeaInput', () => {
  it('turns what was typed into an IdeaInput, with the cost in cents', () => {
    const { input, errors } = toIdeaInput(
      {
        title: 'Bankje bij de kerk',
        text: 'Om uit te rusten.',
        category: 'groen',
        cost: '1.250,50',
      },
      config,
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      title: 'Bankje bij de kerk',
      text: 'Om uit te rusten.',
      category: 'groen',
      costCents: 125050,
    });
  });

  it('leaves the cost out when the field is empty', () => {
    const { input, errors } = toIdeaInput(
      { ...blank, title: 'X', category: 'groen', cost: ' ' },
      config,
    );
    expect(errors).toEqual({});
    expect(input.costCents).toBeNull();
  });

  it("refuses with the model's Dutch words, at the form's field names", () => {
    const { errors } = toIdeaInput({ ...blank, cost: 'veel' }, config);
    expect(errors).toEqual({
      title: 'Vul een titel in.',
      category: 'Kies een thema.',
      cost: costMessage,
    });
    const long = toIdeaInput({ ...blank, title: 'x'.repeat(121), category: 'onbekend' }, config);
    expect(long.errors.title).toMatch(/^Maak de titel korter/);
    expect(long.errors.category).toBe('Kies een thema uit de lijst.');
  });

  it('accepts what addIdea accepts: a valid form always writes', () => {
    const doc = new Y.Doc();
    const { input, errors } = toIdeaInput(
      { title: ' Speeltuin ', text: '', category: 'spelen', cost: '€ 2.000' },
      config,
    );
    expect(errors).toEqual({});
    const id = addIdea(doc, input, writer);
    expect(readIdeas(doc)[0]).toMatchObject({ id, title: 'Speeltuin', costCents: 200000 });
  });
});

describe('editing an idea', () => {
  it('opens with the stored values, the cost as typed in Dutch', () => {
    expect(costText(150000)).toBe('1.500');
    expect(costText(12345)).toBe('123,45');
    expect(
      ideaInitialValues({ title: 'T', text: 'U', category: 'groen', costCents: 150000 }),
    ).toEqual({ title: 'T', text: 'U', category: 'groen', cost: '1.500' });
    expect(
      ideaInitialValues({ title: 'T', text: '', category: 'groen', costCents: null }).cost,
    ).toBe('');
    // What the form shows reads back as the same cents.
    const opened = ideaInitialValues({
      title: 'T',
      text: '',
      category: 'groen',
      costCents: 123456,
    });
    expect(toIdeaInput(opened, config).input.costCents).toBe(123456);
  });

  it('patches only what the author changed', () => {
    const opened: IdeaInput = { title: 'Bankje', text: 'Hout', category: 'groen', costCents: 5000 };
    expect(changedIdeaInput({ ...opened }, opened)).toEqual({});
    expect(changedIdeaInput({ ...opened, title: ' Bankje ' }, opened)).toEqual({});
    expect(changedIdeaInput({ ...opened, text: 'Steen', costCents: null }, opened)).toEqual({
      text: 'Steen',
      costCents: null,
    });
    expect(touchedIdeaFields({ text: 'Steen', costCents: null })).toEqual(
      new Set(['text', 'cost']),
    );
  });

  it('a patch from the form changes the stored idea and nothing else', () => {
    const doc = new Y.Doc();
    const id = addIdea(doc, { title: 'Bankje', category: 'groen', costCents: 5000 }, writer);
    const idea = readIdeas(doc)[0]!;
    const opened = toIdeaInput(ideaInitialValues(idea), config).input;
    const edited = toIdeaInput({ ...ideaInitialValues(idea), cost: '' }, config).input;
    updateIdea(doc, id, changedIdeaInput(edited, opened), {
      ...writer,
      now: '2027-03-02T10:00:00.000Z',
    });
    expect(readIdeas(doc)[0]).toMatchObject({
      title: 'Bankje',
      category: 'groen',
      costCents: null,
    });
  });
});

describe('sentences', () => {
  it('says how many people support an idea, and whether you do', () => {
    expect(supportSentence(0, false)).toBe('Nog niemand steunt dit idee.');
    expect(supportSentence(1, false)).toBe('1 persoon steunt dit idee.');
    expect(supportSentence(1, true)).toBe('Jij steunt dit idee.');
    expect(supportSentence(3, false)).toBe('3 mensen steunen dit idee.');
    expect(supportSentence(3, true)).toBe('3 mensen steunen dit idee, jij ook.');
  });

  it('counts hidden ideas in words', () => {
    expect(hiddenLine(1)).toBe('1 idee verborgen door de commissie.');
    expect(hiddenLine(2)).toBe('2 ideeën verborgen door de commissie.');
  });

  it('addresses the board and one idea on it', () => {
    expect(ideasPath('beesd')).toBe('/kern/beesd/ideeen');
    expect(ideasPath('beesd', 'abc')).toBe('/kern/beesd/ideeen#idee-abc');
  });
});

describe('residentNameProblem', () => {
  it('asks for a name of 1 to 60 characters, as the server does', () => {
    expect(residentNameProblem('')).toBe('Vul je naam in.');
    expect(residentNameProblem('   ')).toBe('Vul je naam in.');
    expect(residentNameProblem('Anna')).toBeNull();
    expect(residentNameProblem(` ${'a'.repeat(60)} `)).toBeNull();
    expect(residentNameProblem('a'.repeat(61))).toMatch(/^Je naam is te lang/);
  });
});

describe('pointIdeaLinks', () => {
  const committee = { actor: 'Jan', now: '2027-03-03T10:00:00.000Z', config };

  it('links each point made from an idea back to the idea on its own board', () => {
    const board = new Y.Doc();
    const agenda = new Y.Doc();
    const taken = addIdea(board, { title: 'Speeltuin', category: 'spelen' }, writer);
    const hidden = addIdea(board, { title: 'Reclame', category: 'groen' }, writer);
    const idea = readIdeas(board).find((i) => i.id === taken)!;
    const pointId = takeIdeaIntoAgenda(agenda, { idea, kern: 'zuiddorp' }, committee);
    hideIdea(agenda, { ideaId: hidden, kern: 'zuiddorp' }, 'Reclame hoort hier niet.', committee);

    const links = pointIdeaLinks(readIdeaDecisions(agenda));
    expect([...links]).toEqual([[pointId, { kern: 'zuiddorp', ideaId: taken }]]);
    expect(ideaAddress(links.get(pointId)!)).toBe(`/kern/zuiddorp/ideeen#idee-${taken}`);
    expect(sameIdeaLinks(links, pointIdeaLinks(readIdeaDecisions(agenda)))).toBe(true);
    expect(sameIdeaLinks(links, new Map())).toBe(false);
    expect(sameIdeaLinks(links, new Map([[pointId, { kern: 'noorddorp', ideaId: taken }]]))).toBe(
      false,
    );
  });
});
