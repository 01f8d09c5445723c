import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copenhagen } from '../platform/time.js';
import type { EditionForForm } from './nomination.service.js';
import type { NominationRow } from './nominations.repo.js';
import { pdfText } from '../platform/pdf.js';
import { receiptPdfFileName, renderReceiptPdf } from './receipt-pdf.js';
import { readPdf } from '../../test/harness/pdf-text.js';

const SECTIONS = [
  { id: 11, heading: 'Baggrund', help: null, wordLimit: 200, required: true },
  { id: 12, heading: 'Initiativet i praksis', help: null, wordLimit: 2000, required: true },
];

function edition(): EditionForForm {
  return {
    organisation: { id: 1, slug: 'danske-regioner', name: 'Danske Regioner' },
    award: { id: 1, slug: 'aarets-borgerinddragende-initiativ', name: 'Årets Borgerinddragende Initiativ' },
    edition: { id: 7, year: 2027, theme: 'Sundhed tæt på borgeren', eventName: 'Danske Regioners generalforsamling', asksOrigin: false },
    sections: SECTIONS,
    criteria: [{ id: 21, title: 'Borgerinddragelse', description: '' }],
    timeline: {
      opensAt: copenhagen(2026, 10, 1, 12),
      closesAt: copenhagen(2027, 1, 8, 12),
      reviewStartsAt: null,
      nomineesPublishedAt: copenhagen(2027, 2, 22, 12),
      votingOpensAt: null,
      votingClosesAt: null,
      winnerAnnouncedAt: copenhagen(2027, 3, 29, 12),
      archivedAt: null,
    },
    form: {
      sections: SECTIONS,
      criteria: [{ id: 21, title: 'Borgerinddragelse', description: '' }],
      asksOrigin: false,
    },
  } as unknown as EditionForForm;
}

function nomination(over: Partial<NominationRow> = {}): NominationRow {
  return {
    id: 42,
    editionId: 7,
    status: 'sent',
    receiptNumber: 'ABI-2027-0042',
    version: 5,
    nominatorName: 'Lise Ærø Jensen',
    nominatorEmail: 'lise@eksempel.dk',
    nominatorIsCitizen: 'no',
    nominatorWorkplace: 'Akutafdelingen, AUH',
    nomineeKind: 'team',
    nomineeNames: 'Team Hjemmedialyse (Søren, Åse og Øjvind)',
    nomineeUnit: 'Nyremedicinsk afdeling',
    nomineeOrganisation: 'Aarhus Universitetshospital',
    nomineeEmail: 'team@eksempel.dk',
    title: 'Video-konsultationer i eget hjem',
    summary: 'Patienter taler med sygeplejersken over video – og slipper for „den lange vej“.',
    criterionIds: [21],
    answers: { '11': 'Borgerne var med fra første møde.', '12': 'Sådan gør vi i praksis.' },
    originOrganisation: '',
    originDescription: '',
    originUrl: '',
    sentAt: new Date('2026-11-24T12:00:00Z'),
    firstSentAt: new Date('2026-11-24T12:00:00Z'),
    withdrawnAt: null,
    ...over,
  } as NominationRow;
}

describe('renderReceiptPdf', () => {
  test('a receipt with number, instant, next steps and every block of the nomination, in Danish', async () => {
    const pdf = await renderReceiptPdf({ edition: edition(), nomination: nomination() });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const { pages, info } = await readPdf(pdf);
    const text = pages.join('\n');
    for (const expected of [
      'Danske Regioner',
      'Kvittering for indstilling',
      'Årets Borgerinddragende Initiativ 2027',
      'ABI-2027-0042',
      '24. november 2026 kl. 13.00', // 12.00 UTC is 13.00 in Copenhagen
      'Hvad sker der nu?',
      'frem til 8. januar 2027 kl. 12.00',
      'De nominerede offentliggøres 22. februar 2027 kl. 12.00.',
      'på Danske Regioners generalforsamling',
      'Om dig, der indstiller',
      'Hvem du indstiller',
      'Løsningen',
      'Baggrund',
      'Initiativet i praksis',
      'Lise Ærø Jensen',
      'Søren, Åse og Øjvind',
      'video – og slipper for „den lange vej“',
      'Borgerinddragelse',
    ]) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    assert.equal(info.Title, 'Kvittering ABI-2027-0042 – Årets Borgerinddragende Initiativ 2027');
    assert.equal(info.Language, 'da-DK');
    assert.equal(info.Author, 'Danske Regioner');
  });

  test('in English when downloaded from an English page: its own words, dates and language, the English theme, the answers as written', async () => {
    const e = edition();
    (e.edition as { themeEn?: string | null }).themeEn = 'Health close to the citizen';
    const pdf = await renderReceiptPdf({ edition: e, nomination: nomination(), locale: 'en' });
    const { pages, info } = await readPdf(pdf);
    const text = pages.join('\n');
    for (const expected of [
      'Receipt for your nomination',
      'Health close to the citizen',
      'Received',
      'What happens next?',
      'Your nomination',
      'No attachments',
      '24 November 2026',
      'Page 1 of',
      'Video-konsultationer i eget hjem',
    ]) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    for (const danish of ['Kvittering for indstilling', 'Hvad sker der nu?', 'Ingen bilag', 'Side 1 af', 'Sundhed tæt på borgeren']) {
      assert.ok(!text.includes(danish), `no Danish "${danish}"`);
    }
    assert.equal(info.Title, 'Receipt ABI-2027-0042 – Årets Borgerinddragende Initiativ 2027');
    assert.equal(info.Language, 'en-GB');
  });

  test('long texts wrap and flow over pages without losing a word; every page has a footer', async () => {
    const words = Array.from({ length: 1800 }, (_, i) => `ord${i + 1}`);
    const url = `https://eksempel.dk/${'meget-lang-sti-'.repeat(20)}slut`;
    const long = `${words.slice(0, 900).join(' ')}\n\n${url}\n\n${words.slice(900).join(' ')} 🙂 中文`;
    const pdf = await renderReceiptPdf({ edition: edition(), nomination: nomination({ answers: { '11': 'Kort.', '12': long } }) });
    const { pages } = await readPdf(pdf);
    assert.ok(pages.length >= 4, `several pages (${pages.length})`);
    const found = new Set(pages.join(' ').match(/ord\d+/g));
    const missing = words.filter((w) => !found.has(w));
    assert.deepEqual(missing, [], 'every word is in the PDF');
    for (const [i, p] of pages.entries()) assert.ok(p.includes(`Side ${i + 1} af ${pages.length}`), `page ${i + 1} has its footer`);
    assert.ok(pages.join('').replace(/\s/g, '').includes(url), 'a word longer than a line is broken, not cut');
  });

  test('a withdrawn nomination says so and has no next steps', async () => {
    const pdf = await renderReceiptPdf({
      edition: edition(),
      nomination: nomination({ status: 'withdrawn', withdrawnAt: new Date('2026-12-01T09:30:00Z') }),
    });
    const text = (await readPdf(pdf)).pages.join('\n');
    assert.ok(text.includes('Trukket tilbage'));
    assert.ok(text.includes('trukket tilbage 1. december 2026 kl. 10.30'));
    assert.ok(!text.includes('Hvad sker der nu?'));
    assert.ok(text.includes('ABI-2027-0042'));
  });

  test('it lists the files sent with it, and both instants when the nomination was changed after sending', async () => {
    const pdf = await renderReceiptPdf({
      edition: edition(),
      nomination: nomination({ firstSentAt: new Date('2026-11-20T08:00:00Z'), sentAt: new Date('2026-11-25T14:15:00Z') }),
      attachments: [{ fileName: 'tegning-af-forløbet.pdf' }, { fileName: 'billede.png' }],
    });
    const text = (await readPdf(pdf)).pages.join('\n');
    assert.ok(text.includes('tegning-af-forløbet.pdf') && text.includes('billede.png'));
    assert.ok(text.includes('Først sendt') && text.includes('20. november 2026 kl. 09.00'));
    assert.ok(text.includes('Senest ændret') && text.includes('25. november 2026 kl. 15.15'));
    const plain = (await readPdf(await renderReceiptPdf({ edition: edition(), nomination: nomination() }))).pages.join('\n');
    assert.ok(plain.includes('Ingen bilag'));
    assert.ok(!plain.includes('Senest ændret'));
  });

  test('an unanswered section says so instead of leaving a gap', async () => {
    const pdf = await renderReceiptPdf({ edition: edition(), nomination: nomination({ answers: { '11': 'Noget.' } }) });
    assert.ok((await readPdf(pdf)).pages.join('\n').includes('(ikke udfyldt)'));
  });

  test('a draft has no receipt', async () => {
    await assert.rejects(
      renderReceiptPdf({ edition: edition(), nomination: nomination({ status: 'draft', receiptNumber: null, sentAt: null }) }),
      /no receipt/,
    );
  });
});

describe('pdfText', () => {
  test('composes letters, makes line ends plain and drops control characters', () => {
    assert.equal(pdfText('Ka\u030Arsvej'), 'Kårsvej');
    assert.equal(pdfText('a\r\nb\rc\td\u0007e'), 'a\nb\nc    de');
    assert.equal(pdfText('første\n\n\n\n\nanden\u2028tredje'), 'første\n\nanden\ntredje');
    assert.equal(pdfText('  kant  '), 'kant');
  });
});

test('receiptPdfFileName keeps the receipt number and nothing a header could trip on', () => {
  assert.equal(receiptPdfFileName('ABI-2027-0042'), 'kvittering-ABI-2027-0042.pdf');
  assert.equal(receiptPdfFileName('Å"B\r\n'), 'kvittering-__B__.pdf');
});
