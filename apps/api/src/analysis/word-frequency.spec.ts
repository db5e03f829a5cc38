import { describe, expect, it } from '@jest/globals';
import { countForms, groupByLemma, wordsOf } from './word-frequency.js';

const TEXT = 'Intervjuer: Hva betyr tillit?\nInformant 2: Tillit tar tid. [00:01:02] Tilliten kom i 2019.';

describe('wordsOf', () => {
  it('lower-cases words, leaves out speaker labels, numbers and one-letter words', () => {
    expect(wordsOf(TEXT)).toEqual(['hva', 'betyr', 'tillit', 'tillit', 'tar', 'tid', 'tilliten', 'kom']);
  });

  it('reads only the given stretches', () => {
    const start = TEXT.indexOf('Tillit tar');
    expect(wordsOf(TEXT, [{ start, end: start + 'Tillit tar'.length }])).toEqual(['tillit', 'tar']);
  });

  it('keeps a colon inside a sentence that is not a label', () => {
    expect(wordsOf('Det er slik: vi må vente.')).toEqual(['det', 'er', 'slik', 'vi', 'må', 'vente']);
  });
});

describe('countForms and groupByLemma', () => {
  const forms = countForms([
    { documentId: 'd1', words: wordsOf(TEXT) },
    { documentId: 'd2', words: ['tillit', 'og', 'tid'] },
  ]);
  const lemma = (form: string) =>
    ({ tillit: 'tillit', tilliten: 'tillit', tid: 'tid', tar: 'tar', kom: 'kom', betyr: 'betyr' })[form];

  it('counts forms per lemma across documents, stop words (no lemma) left out, most frequent first', () => {
    expect(groupByLemma(forms, lemma, 3)).toEqual([
      { word: 'tillit', lemma: 'tillit', count: 4, documents: 2, forms: ['tillit', 'tilliten'] },
      { word: 'tid', lemma: 'tid', count: 2, documents: 2, forms: ['tid'] },
      { word: 'betyr', lemma: 'betyr', count: 1, documents: 1, forms: ['betyr'] },
    ]);
    expect(groupByLemma(forms, () => undefined, 10)).toEqual([]);
  });
});
