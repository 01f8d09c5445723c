import { setupTexts } from './i18n.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copenhagen } from '../platform/time.js';
import { checkEdition, checkFlat, checkList } from './setup-form.js';
import { awardSchema, editionSchema, isBlankItem, kronerText, listSchema, MAX_ROWS, organisationSchema } from './setup-schemas.js';

// The setup forms' schemas, as the page (text) and the API (JSON) both feed them: a table of
// hostile and odd input, each with what the schema makes of it, or the message beside the field.

const da = setupTexts('da');
const en = setupTexts('en');

type Case = { name: string; input: Record<string, unknown>; ok?: Record<string, unknown>; errors?: Record<string, string> };

const org = { name: 'Region Midtjylland' };

const organisationCases: Case[] = [
  {
    name: 'only the name',
    input: org,
    ok: {
      name: 'Region Midtjylland',
      websiteUrl: null,
      contactEmail: null,
      contactPhone: null,
      privacyUrl: null,
      dpoEmail: null,
      accessibilityUrl: null,
      brandColour: null,
      markLetters: null,
    },
  },
  { name: 'missing name', input: {}, errors: { name: 'Udfyld "Navn".' } },
  { name: 'empty name', input: { name: '' }, errors: { name: 'Udfyld "Navn".' } },
  { name: 'white space only', input: { name: ' \t\n ' }, errors: { name: 'Udfyld "Navn".' } },
  { name: 'control characters only', input: { name: '\u0000\u0007\u001b' }, errors: { name: 'Udfyld "Navn".' } },
  { name: 'control characters removed', input: { name: 'Region\u0000 Syd\u007f' }, ok: { name: 'Region Syd' } },
  { name: 'a line break in a one-line field becomes a space', input: { name: 'Region\r\nSyd' }, ok: { name: 'Region Syd' } },
  { name: 'decomposed å is composed (NFC)', input: { name: 'A\u030Arhus' }, ok: { name: 'Århus' } },
  { name: 'HTML is kept as text', input: { name: '<script>alert(1)</script>' }, ok: { name: '<script>alert(1)</script>' } },
  { name: 'emoji and right-to-left text are text', input: { name: 'Region 🏥 مرحبا' }, ok: { name: 'Region 🏥 مرحبا' } },
  { name: 'at most 200 characters', input: { name: 'x'.repeat(200) }, ok: { name: 'x'.repeat(200) } },
  { name: 'huge name', input: { name: 'x'.repeat(100_000) }, errors: { name: '"Navn" må højst være 200 tegn. Gør teksten kortere.' } },
  { name: 'a number where text belongs', input: { name: 42 }, errors: { name: 'Udfyld "Navn".' } },
  { name: 'a list where text belongs', input: { name: ['a', 'b'] }, errors: { name: 'Udfyld "Navn".' } },
  { name: 'null clears an optional field', input: { ...org, contactPhone: null }, ok: { contactPhone: null } },
  { name: 'empty optional field is null', input: { ...org, contactPhone: '   ' }, ok: { contactPhone: null } },
  {
    name: 'e-mail without a domain',
    input: { ...org, contactEmail: 'hr.rm.dk' },
    errors: { contactEmail: 'Skriv e-mailen i "E-mail til kontakt" i formatet navn@eksempel.dk.' },
  },
  { name: 'e-mail trimmed', input: { ...org, contactEmail: '  innovation@rm.dk ' }, ok: { contactEmail: 'innovation@rm.dk' } },
  {
    name: 'e-mail with markup',
    input: { ...org, contactEmail: 'a@rm.dk<script>' },
    errors: { contactEmail: 'Skriv e-mailen i "E-mail til kontakt" i formatet navn@eksempel.dk.' },
  },
  {
    name: 'a javascript: link',
    input: { ...org, websiteUrl: 'javascript:alert(1)' },
    errors: { websiteUrl: 'Skriv hele adressen i "Hjemmeside", så den begynder med https://, for eksempel https://www.rm.dk.' },
  },
  {
    name: 'an address without https://',
    input: { ...org, privacyUrl: 'www.rm.dk' },
    errors: { privacyUrl: 'Skriv hele adressen i "Link til privatlivspolitik", så den begynder med https://, for eksempel https://www.rm.dk.' },
  },
  { name: 'unknown fields are ignored', input: { ...org, slug: 'x', _csrf: 'y' }, ok: { name: 'Region Midtjylland' } },
  { name: 'a dark colour is kept, in one form', input: { ...org, brandColour: ' 0B5E6B ' }, ok: { brandColour: '#0b5e6b' } },
  { name: 'no colour is null', input: { ...org, brandColour: '' }, ok: { brandColour: null } },
  {
    name: 'a colour white text cannot be read on',
    input: { ...org, brandColour: '#ffd700' },
    errors: {
      brandColour: '"Primærfarve" er for lys: hvid tekst på farven kan ikke læses af alle (kontrasten skal være mindst 4,5:1). Vælg en mørkere farve.',
    },
  },
  {
    name: 'a colour that is no hex code (CSS injection)',
    input: { ...org, brandColour: 'red;}*{display:none' },
    errors: { brandColour: 'Skriv "Primærfarve" som en hex-kode med seks cifre, for eksempel #00567a.' },
  },
  { name: 'letters of the mark', input: { ...org, markLetters: 'RM' }, ok: { markLetters: 'RM' } },
  {
    name: 'markup in the mark',
    input: { ...org, markLetters: '<b>' },
    errors: { markLetters: 'Skriv ét til tre bogstaver eller tal i "Bogstaver i mærket", for eksempel RM.' },
  },
  { name: 'a DPO e-mail', input: { ...org, dpoEmail: 'dpo@rm.dk' }, ok: { dpoEmail: 'dpo@rm.dk' } },
  {
    name: 'an accessibility statement link without https://',
    input: { ...org, accessibilityUrl: 'was.digst.dk/rm' },
    errors: {
      accessibilityUrl:
        'Skriv hele adressen i "Link til tilgængelighedserklæring på was.digst.dk", så den begynder med https://, for eksempel https://www.rm.dk.',
    },
  },
];

test('the organisation schema: a table of odd and hostile input', () => {
  for (const c of organisationCases) {
    const r = checkFlat(organisationSchema(da), c.input);
    if (c.ok) {
      assert.deepEqual(r.errors, [], c.name);
      for (const [k, v] of Object.entries(c.ok)) assert.deepEqual((r.input as Record<string, unknown>)[k], v, `${c.name}: ${k}`);
      assert.equal('slug' in (r.input ?? {}), false, c.name);
    } else {
      assert.equal(r.input, null, c.name);
      assert.deepEqual(Object.fromEntries(r.errors.map((e) => [e.field, e.message])), c.errors, c.name);
    }
  }
});

const award = { name: 'Initiativprisen', summary: 'Kort.', description: 'Lang.', establishedYear: '2015' };

const awardCases: Case[] = [
  { name: 'year typed', input: award, ok: { establishedYear: 2015 } },
  { name: 'year as a JSON number', input: { ...award, establishedYear: 2015 }, ok: { establishedYear: 2015 } },
  { name: 'year with spaces', input: { ...award, establishedYear: ' 2015 ' }, ok: { establishedYear: 2015 } },
  { name: 'year missing', input: { ...award, establishedYear: undefined }, errors: { establishedYear: 'Udfyld "Uddelt første gang (år)".' } },
  { name: 'year empty', input: { ...award, establishedYear: '' }, errors: { establishedYear: 'Udfyld "Uddelt første gang (år)".' } },
  {
    name: 'two digits',
    input: { ...award, establishedYear: '25' },
    errors: { establishedYear: 'Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.' },
  },
  {
    name: 'a number too small',
    input: { ...award, establishedYear: 25 },
    errors: { establishedYear: 'Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.' },
  },
  {
    name: 'a fraction',
    input: { ...award, establishedYear: 2015.5 },
    errors: { establishedYear: 'Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.' },
  },
  {
    name: 'a boolean',
    input: { ...award, establishedYear: true },
    errors: { establishedYear: 'Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.' },
  },
  {
    name: 'Arabic-Indic digits',
    input: { ...award, establishedYear: '٢٠١٥' },
    errors: { establishedYear: 'Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.' },
  },
  {
    name: 'description keeps its paragraphs; CRLF becomes LF',
    input: { ...award, description: '\n\nFørste afsnit.\r\n\r\nAndet afsnit.  \n' },
    ok: { description: 'Første afsnit.\n\nAndet afsnit.' },
  },
  {
    name: 'a contact label names its heading',
    input: { ...award, contactEmail: 'lise@' },
    errors: { contactEmail: 'Skriv e-mailen i "Kontaktperson: E-mail" i formatet navn@eksempel.dk.' },
  },
  {
    name: 'everything missing',
    input: {},
    errors: {
      name: 'Udfyld "Prisens navn".',
      summary: 'Udfyld "Kort om prisen".',
      description: 'Udfyld "Beskrivelse".',
      establishedYear: 'Udfyld "Uddelt første gang (år)".',
    },
  },
];

test('the award schema: text or JSON numbers, and every message', () => {
  for (const c of awardCases) {
    const r = checkFlat(awardSchema(da), c.input);
    if (c.ok) {
      assert.deepEqual(r.errors, [], c.name);
      for (const [k, v] of Object.entries(c.ok)) assert.deepEqual((r.input as Record<string, unknown>)[k], v, `${c.name}: ${k}`);
    } else {
      assert.equal(r.input, null, c.name);
      assert.deepEqual(Object.fromEntries(r.errors.map((e) => [e.field, e.message])), c.errors, c.name);
    }
  }
});

test('the schemas speak the catalogue they are built with', () => {
  const r = checkFlat(organisationSchema(en), {});
  assert.deepEqual(r.errors, [{ field: 'name', message: 'Fill in "Name".' }]);
  assert.equal(organisationSchema(da), organisationSchema(da), 'built once per catalogue');
});

const timeline = {
  opensAt: { date: '15.04.2025', time: '12:00' },
  closesAt: { date: '2025-06-14', time: '12.00' },
  nomineesPublishedAt: { date: '2025-09-26', time: '12' },
  winnerAnnouncedAt: { date: '2025-10-23', time: '12:00' },
};

test('the edition schema: the page (text, Copenhagen dates) and the API (JSON, instants) give the same input', () => {
  const page = checkEdition(
    {
      year: '2025',
      timeline,
      prizeAmountKr: '10.000 kr.',
      nomineeCountMin: '5',
      nomineeCountMax: '7',
      hasPatientPanel: 'ja',
      scoreScaleMin: '1',
      scoreScaleMax: '2',
      scoreLabels: 'Lav\r\n\r\n Høj ',
    },
    da,
    'da',
  );
  const api = checkEdition(
    {
      year: 2025,
      timeline: {
        opensAt: new Date('2025-04-15T10:00:00Z'),
        closesAt: new Date('2025-06-14T10:00:00Z'),
        nomineesPublishedAt: new Date('2025-09-26T10:00:00Z'),
        winnerAnnouncedAt: new Date('2025-10-23T10:00:00Z'),
      },
      prizeAmountKr: 10000,
      nomineeCountMin: 5,
      nomineeCountMax: 7,
      hasPatientPanel: true,
      scoreLabels: ['Lav', '', 'Høj'],
      scoreScaleMin: 1,
      scoreScaleMax: 2,
    },
    da,
    'da',
  );
  assert.deepEqual(page.errors, []);
  assert.deepEqual(api.errors, []);
  assert.deepEqual(page.input, api.input);
  assert.equal(page.input!.timeline.opensAt!.toISOString(), copenhagen(2025, 4, 15, 12).toISOString());
  assert.equal(page.input!.timeline.reviewStartsAt, null);
  assert.deepEqual(page.input!.scoreLabels, ['Lav', 'Høj']);
  assert.equal(page.input!.asksOrigin, false);
  assert.equal(page.input!.scoreScaleMin, 1, 'an empty scale field is the default');
});

test('the edition schema: wrong types, odd dates and huge text are messages on their fields, never exceptions', () => {
  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    ['year as words', { year: 'to tusind' }, [['year', 'year']]],
    ['year huge', { year: 1e300 }, [['year', 'year']]],
    ['theme huge', { year: 2025, theme: 'x'.repeat(1_000_000) }, [['theme', 'theme']]],
    ['theme a number', { year: 2025, theme: 5 }, [['theme', 'theme']]],
    ['a date that does not exist', { year: 2025, timeline: { ...timeline, closesAt: { date: '2025-02-30', time: '12:00' } } }, [['closesAt', 'closesAt-date']]],
    ['a date without a time', { year: 2025, timeline: { ...timeline, opensAt: { date: '15.04.2025', time: '' } } }, [['opensAt', 'opensAt-time']]],
    ['a time that does not exist', { year: 2025, timeline: { ...timeline, opensAt: { date: '15.04.2025', time: '24:00' } } }, [['opensAt', 'opensAt-time']]],
    ['a date as a number', { year: 2025, timeline: { ...timeline, opensAt: 20250415 } }, [['opensAt', 'opensAt-date']]],
    ['the timeline as text', { year: 2025, timeline: 'snart' }, [['timeline', 'timeline']]],
    ['a count of zero', { year: 2025, nomineeCountMin: '0' }, [['nomineeCountMin', 'nomineeCountMin']]],
    ['a negative JSON count', { year: 2025, nomineeCountMax: -3 }, [['nomineeCountMax', 'nomineeCountMax']]],
    ['an amount with decimals', { year: 2025, prizeAmountKr: '10,5' }, [['prizeAmountKr', 'prizeAmountKr']]],
    ['a scale above 100', { year: 2025, scoreScaleMax: 101 }, [['scoreScaleMax', 'scoreScaleMax']]],
    ['a step label too long', { year: 2025, scoreScaleMin: 1, scoreScaleMax: 2, scoreLabels: ['a', 'x'.repeat(201)] }, [['scoreLabels', 'scoreLabels']]],
    [
      'a review deadline without a time',
      { year: 2025, timeline, reviewClosesAt: { date: '2025-07-01', time: 'x' } },
      [['reviewClosesAt', 'reviewClosesAt-time']],
    ],
  ];
  for (const [name, input, expected] of cases) {
    const r = checkEdition(input, da, 'da');
    assert.equal(r.input, null, name);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.target ?? e.field]),
      expected,
      name,
    );
    assert.ok(
      r.errors.every((e) => e.message.length > 10 && !e.message.includes('undefined')),
      name,
    );
  }
});

test('the edition: format errors and the rules between fields at once; an unreadable date only once', () => {
  const r = checkEdition(
    {
      year: 'x',
      timeline: { ...timeline, closesAt: { date: '2025-02-30', time: '12:00' } },
      prizeAmountKr: '10,5',
      nomineeCountMin: '7',
      nomineeCountMax: '5',
    },
    en,
    'en',
  );
  assert.deepEqual(
    r.errors.map((e) => e.target ?? e.field),
    ['year', 'closesAt-date', 'nomineeCountMax', 'prizeAmountKr'],
  );
  assert.match(r.errors[2]!.message, /fewest nominees cannot be more than the most/);
});

test('kroner as people write them', () => {
  for (const [typed, digits] of [
    ['10.000', '10000'],
    ['10 000', '10000'],
    ['10\u00a0000 kr.', '10000'],
    ['1.000.000,-', '1000000'],
    ['10,5', '10,5'],
  ]) {
    assert.equal(kronerText(typed!), digits, typed);
  }
});

test('list schemas: rows by index, ids kept or made new, blank rows, too many rows', () => {
  const ok = checkList(
    'form-sections',
    [
      { id: '5', heading: ' Løsningen ', help: '', wordLimit: '300', required: 'ja' },
      { id: 7, heading: 'Effekt', wordLimit: 200 },
      { id: 'x', heading: 'Andet', help: 'Skriv <b>kort</b>.', headingEn: '  Other\u0007 ', helpEn: ' ', wordLimit: null, required: false },
    ],
    da,
  );
  assert.deepEqual(ok.errors, []);
  // English texts are optional: absent or blank is null, given ones get the Danish twin's clean-up.
  assert.deepEqual(ok.input, [
    { id: 5, heading: 'Løsningen', help: '', headingEn: null, helpEn: null, wordLimit: 300, required: true },
    { id: 7, heading: 'Effekt', help: '', headingEn: null, helpEn: null, wordLimit: 200, required: true },
    { id: null, heading: 'Andet', help: 'Skriv <b>kort</b>.', headingEn: 'Other', helpEn: null, wordLimit: null, required: false },
  ]);

  const bad = checkList(
    'criteria',
    [
      { title: 'A', description: 'a' },
      { title: '', description: 'x'.repeat(20_001) },
      { title: 42, description: 'b', titleEn: 'x'.repeat(301) },
    ],
    da,
  );
  assert.equal(bad.input, null);
  assert.deepEqual(
    bad.errors.map((e) => [e.field, e.message]),
    [
      ['r1-title', 'Udfyld "Titel" i kriterium 2.'],
      ['r1-description', '"Beskrivelse" i kriterium 2 må højst være 20.000 tegn.'],
      ['r2-title', 'Udfyld "Titel" i kriterium 3.'],
      ['r2-titleEn', '"Titel, på engelsk" i kriterium 3 må højst være 300 tegn.'],
    ],
  );

  const seats = checkList('committee', [{ partyLetter: 'V' }, { name: 'Anna', partyLetter: 'VVVVVVVVVVV' }], en);
  assert.deepEqual(
    seats.errors.map((e) => e.field),
    ['r0-name', 'r1-partyLetter'],
  );

  const many = checkList(
    'criteria',
    Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ title: `K${i}`, description: 'd' })),
    da,
  );
  assert.deepEqual(
    many.errors.map((e) => [e.field, e.target ?? e.field]),
    [['list', 'list-add']],
  );
  assert.equal(listSchema('criteria', da).safeParse('ikke en liste').success, false);

  assert.equal(isBlankItem('criteria', { title: ' ', description: '\u0000' }), true);
  assert.equal(isBlankItem('form-sections', { heading: '', required: true }), true);
  assert.equal(isBlankItem('form-sections', { heading: '', wordLimit: 3 }), false);
});

test('the edition schema is built once per catalogue and locale', () => {
  assert.equal(editionSchema(da, 'da'), editionSchema(da, 'da'));
  assert.notEqual(editionSchema(en, 'en'), editionSchema(da, 'da'));
});
