import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludedWords, parseSearchQuery, searchQueryString, searchWords, wantedWords, PAGE_MAX } from './search-query.js';
import { checkAdoptionForm, parseDanishDate, parseTags } from './solution-form.js';
import { ideaBankTexts } from './i18n.js';
import { atomFeed, xmlEscape } from './feed.js';

test('a whole search lives in the query string and comes back out the same', () => {
  const raw = {
    q: ' klinik  ærø ',
    organisation: 'Region Syddanmark',
    enhed: 'Ærø Sygehus',
    status: 'spredt',
    emne: 'telemedicin',
    pris: 'smartprisen',
    aar: '2019',
    sortering: 'nyeste',
    side: '3',
  };
  const { query, errors } = parseSearchQuery(raw);
  assert.deepEqual(errors, []);
  assert.deepEqual(query, {
    text: 'klinik ærø',
    organisation: 'Region Syddanmark',
    unit: 'Ærø Sygehus',
    status: 'spread',
    tag: 'telemedicin',
    prize: 'smartprisen',
    year: 2019,
    sort: 'date',
    page: 3,
  });
  assert.deepEqual(parseSearchQuery(Object.fromEntries(new URLSearchParams(searchQueryString(query).slice(1)))).query, query);
});

test('defaults are left out of the URL; relevance is the default sort (newest first when there are no words)', () => {
  assert.equal(searchQueryString(parseSearchQuery({}).query), '');
  assert.equal(parseSearchQuery({}).query.sort, 'relevance');
  assert.equal(parseSearchQuery({ q: 'x' }).query.sort, 'relevance');
  assert.equal(searchQueryString(parseSearchQuery({ sortering: 'nyeste' }).query), '?sortering=nyeste');
  assert.equal(searchQueryString(parseSearchQuery({ q: 'x', sortering: 'relevans', side: '1' }).query), '?q=x');
});

test('bad values are errors with the field they belong to; unknown free-text filters are not', () => {
  const { errors, query } = parseSearchQuery({ q: 'x'.repeat(201), status: 'fantastisk', sortering: 'tilfaeldig', side: String(PAGE_MAX + 1), aar: '20' });
  assert.deepEqual(
    errors.map((e) => e.code),
    ['too-long', 'unknown-status', 'unknown-sort', 'bad-page', 'bad-year'],
  );
  assert.equal(query.text.length, 201, 'the text is kept so the page can show it back');
  assert.deepEqual(parseSearchQuery({ organisation: 'Findes ikke', emne: 'ukendt' }).errors, []);
  assert.deepEqual(parseSearchQuery({ q: ['a', 'b'] }).errors, [{ field: 'filter', code: 'repeated' }]);
  assert.equal(parseSearchQuery({ q: ['a', 'b'] }).query.text, 'a');
  for (const side of ['0', '-1', '1.5', 'abc', '99999999999']) assert.equal(parseSearchQuery({ side }).errors[0]?.code, 'bad-page', side);
});

test('search words keep letters and digits only, so no tsquery syntax survives', () => {
  assert.deepEqual(searchWords(`klinik:* & !(ærø) | 'a' "b" \\ COVID-19`), ['klinik', 'ærø', 'a', 'b', 'covid', '19']);
  assert.deepEqual(searchWords("'; drop table solutions; --"), ['drop', 'table', 'solutions']);
  assert.equal(searchWords(`${'ord '.repeat(50)}a b c d e f g h i j`).length, 8);
  assert.deepEqual(searchWords('&|!():*'), []);
});

test('tags: comma separated, trimmed, lower case, no duplicates', () => {
  assert.deepEqual(parseTags(' Telemedicin, pårørende ,telemedicin,, Kronisk  sygdom'), ['telemedicin', 'pårørende', 'kronisk sygdom']);
});

test('Danish dates: day-month-year or ISO; impossible dates are refused', () => {
  assert.equal(parseDanishDate('1-3-2025'), '2025-03-01');
  assert.equal(parseDanishDate('01.03.2025'), '2025-03-01');
  assert.equal(parseDanishDate('2025-03-01'), '2025-03-01');
  for (const bad of ['31-02-2025', '2025-13-01', '1/3', 'i går', '01-01-1800']) assert.equal(parseDanishDate(bad), null, bad);
});

test('the adoption form says how to fix each field, and refuses a date after today', () => {
  const it = ideaBankTexts('da');
  const r = checkAdoptionForm({ organisation: ' ', unit: '', adoptedOn: '2026-11-25', changes: '' }, it, '2026-11-24');
  assert.deepEqual(r.errors, [
    { field: 'organisation', message: 'Skriv navnet på jeres organisation' },
    { field: 'unit', message: 'Skriv hospital og afdeling' },
    { field: 'adoptedOn', message: 'Datoen må ikke ligge i fremtiden. Skriv den dag, I begyndte' },
  ]);
  const ok = checkAdoptionForm({ organisation: 'Region Midtjylland', unit: 'Randers', adoptedOn: '24-11-2026', changes: ' Ingen ' }, it, '2026-11-24');
  assert.deepEqual(ok.input, { organisationName: 'Region Midtjylland', unitName: 'Randers', adoptedOn: '2026-11-24', changes: 'Ingen' });
});

test('the Atom feed escapes every text and drops characters XML forbids', () => {
  assert.equal(xmlEscape(`<a href="x">&'\u0001</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  const at = new Date('2026-01-02T03:04:05Z');
  const xml = atomFeed({
    baseUrl: 'https://p.dk',
    title: 'Nye <løsninger>',
    selfPath: '/feeds/loesninger.atom',
    updated: at,
    rows: [{ id: 7, title: 'A & B', summary: '<script>', organisationName: 'Region', unitName: 'Enhed', createdAt: at, updatedAt: at }],
  });
  assert.match(xml, /<title>Nye &lt;løsninger&gt;<\/title>/);
  assert.match(xml, /<entry>\n {4}<id>https:\/\/p\.dk\/idebank\/loesninger\/7<\/id>\n {4}<title>A &amp; B<\/title>/);
  assert.match(xml, /<summary>&lt;script&gt;<\/summary>/);
  assert.doesNotMatch(xml, /<script>/);
});

test('a leading minus excludes a word, as on a search engine; a hyphen inside a word does not', () => {
  assert.deepEqual(excludedWords('sygeplejerske -ærø -Klinik'), ['ærø', 'klinik']);
  assert.deepEqual(wantedWords('sygeplejerske -ærø COVID-19'), ['sygeplejerske', 'covid', '19']);
  assert.deepEqual(excludedWords('COVID-19 e-mail'), []);
});
