import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFields, type FormDefinition } from './form.js';
import { nominationAsText, nominationBlocks } from './nomination-text.js';

const form: FormDefinition = {
  asksOrigin: false,
  criteria: [
    { id: 1, title: 'Nyskabelse', description: 'Er den ny?', titleEn: 'Novelty', descriptionEn: null },
    { id: 2, title: 'Værdi', description: 'Skaber den værdi?', titleEn: null, descriptionEn: null },
  ],
  sections: [
    { id: 10, heading: 'Baggrund', help: '', headingEn: 'Background', helpEn: null, wordLimit: null, required: true },
    { id: 11, heading: 'Resultat', help: '', headingEn: null, helpEn: null, wordLimit: null, required: true },
  ],
};
const fields = { ...emptyFields(), nominatorName: 'Lise', nominatorIsCitizen: 'no' as const, title: 'Video', criterionIds: [1], answers: { '10': 'Tekst.' } };

test('the Danish copy keeps its words (the receipt e-mail, the PDF)', () => {
  const text = nominationAsText(fields, form, []);
  assert.match(text, /^Om dig, der indstiller\n----------------------\nNavn: Lise\nE-mail: \(ikke udfyldt\)\nIndstiller som: Medarbejder/);
  assert.match(text, /Kriterier: Nyskabelse\n/);
  assert.match(text, /Baggrund\n--------\nTekst\.\n\nResultat\n--------\n\(ikke udfyldt\)\n\nBilag\n-----\n\(ingen bilag\)$/);
});

test('in English: the words of the catalogue, the English criteria and headings where given', () => {
  const text = nominationAsText(fields, form, ['a.pdf'], 'en');
  assert.match(text, /^About you, the nominator\n------------------------\nName: Lise\nE-mail: \(not filled in\)\nNominating as: Employee/);
  assert.match(text, /Criteria: Novelty\n/);
  assert.match(text, /Background\n----------\nTekst\.\n\nResultat\n--------\n\(not filled in\)\n\nAttachments\n-----------\n- a\.pdf$/);
});

test('blocks mark the Danish stand-ins of an English page, and only those', () => {
  const rows = [
    { criterionIds: [1], want: undefined },
    { criterionIds: [2], want: 'da' },
    { criterionIds: [1, 2], want: undefined },
  ];
  for (const r of rows) {
    const blocks = nominationBlocks({ ...fields, criterionIds: r.criterionIds }, form, 'en');
    const solution = blocks[2]!;
    assert.ok('lines' in solution);
    assert.equal(solution.lines.find(([l]) => l === 'Criteria')![2], r.want, `criteria ${r.criterionIds}`);
  }
  const en = nominationBlocks(fields, form, 'en');
  assert.deepEqual(
    en.slice(3).map((b) => [b.heading, b.headingLang]),
    [
      ['Background', undefined],
      ['Resultat', 'da'],
    ],
  );
  assert.ok(
    nominationBlocks(fields, form).every((b) => b.headingLang === undefined && ('text' in b || b.lines.every((l) => l[2] === undefined))),
    'Danish: nothing marked',
  );
});
