import { test } from 'node:test';
import assert from 'node:assert/strict';
import { winnersFeed, xmlEscape } from './atom.js';

test('xmlEscape escapes markup and drops characters XML 1.0 forbids', () => {
  assert.equal(xmlEscape(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  assert.equal(xmlEscape('før\u0000\u0008efter\u000B'), 'førefter');
  assert.equal(xmlEscape('linje 1\nlinje 2\ttab'), 'linje 1\nlinje 2\ttab');
});

test('an empty feed is still a valid feed with a fixed updated instant', () => {
  const xml = winnersFeed([], 'https://prisportal.example');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">'));
  assert.ok(xml.includes('<updated>2015-01-01T00:00:00.000Z</updated>'));
  assert.ok(xml.includes('<id>https://prisportal.example/feeds/vindere.atom</id>'));
  assert.ok(!xml.includes('<entry>'));
});

test('entries carry the announce instant; the feed is updated at the newest; text is escaped', () => {
  const winner = (id: number, title: string, names: string | null) => ({
    nominationId: id,
    title,
    summary: 'Kort & godt.',
    organisation: 'AUH',
    names,
    unit: null,
    origin: null,
    hasPage: names !== null,
    solutionId: null,
  });
  const xml = winnersFeed(
    [
      {
        editionId: 2,
        year: 2022,
        theme: null,
        award: { slug: 'abi', name: 'ABI' },
        organisation: { name: 'Danske Regioner' },
        announcedAt: new Date('2022-03-25T11:00:00Z'),
        winner: winner(7, 'Løsning <b>', 'Team A'),
      },
      {
        editionId: 1,
        year: 2021,
        theme: null,
        award: { slug: 'abi', name: 'ABI' },
        organisation: { name: 'Danske Regioner' },
        announcedAt: new Date('2021-03-25T11:00:00Z'),
        winner: winner(3, 'Café', null),
      },
    ],
    'https://p.example',
  );
  assert.ok(xml.includes('  <updated>2022-03-25T11:00:00.000Z</updated>\n  <link rel="self"'));
  assert.ok(xml.includes('<title>ABI 2022: Løsning &lt;b&gt;</title>'));
  assert.ok(xml.includes('<id>https://p.example/priser/abi/2022#vinder-7</id>'));
  assert.ok(xml.includes('<summary>Team A, AUH. Kort &amp; godt.</summary>'));
  assert.ok(xml.includes('<summary>AUH. Kort &amp; godt.</summary>'));
  assert.equal(xml.split('<entry>').length - 1, 2);
});
