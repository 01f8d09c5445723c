import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nomineesMails, recipientsOf, thanksMails, winnerConfidentialMails, winnerMails, type NoticeContact } from './notice-mails.js';

const contact = (over: Partial<NoticeContact> = {}): NoticeContact => ({
  id: 9,
  title: 'Løsning A',
  nominatorName: 'Nina',
  nominatorEmail: 'nina@example.dk',
  nomineeNames: 'Anna',
  nomineeEmail: 'anna@example.dk',
  language: 'da',
  nomineeLanguage: null,
  ...over,
});

test('the nominator and the nominee are told; the nominee only with an address, and once when it is the same', () => {
  assert.deepEqual(
    recipientsOf(contact()).map((r) => [r.role, r.to]),
    [
      ['nominator', 'nina@example.dk'],
      ['nominee', 'anna@example.dk'],
    ],
  );
  assert.deepEqual(
    recipientsOf(contact({ nomineeEmail: '  ' })).map((r) => r.role),
    ['nominator'],
  );
  assert.deepEqual(
    recipientsOf(contact({ nomineeEmail: 'NINA@example.dk' })).map((r) => r.role),
    ['nominator'],
  );
});

test("each recipient in their language: the nominee's own, else the nominator's", () => {
  assert.deepEqual(
    recipientsOf(contact({ language: 'en' })).map((r) => r.language),
    ['en', 'en'],
  );
  assert.deepEqual(
    recipientsOf(contact({ language: 'en', nomineeLanguage: 'da' })).map((r) => r.language),
    ['en', 'da'],
  );
});

test('the three outcomes of the nominees: nominated and not nominated to both, not eligible to the nominator with the reason', () => {
  const yes = nomineesMails(4, contact(), 'nominated');
  assert.deepEqual(
    yes.map((m) => [m.kind, m.to, m.dedupeKey]),
    [
      ['nominees-nominated', 'nina@example.dk', 'publication:nominees:4:9:nominator'],
      ['nominees-nominated', 'anna@example.dk', 'publication:nominees:4:9:nominee'],
    ],
  );
  assert.deepEqual(
    nomineesMails(4, contact(), 'not-nominated').map((m) => m.kind),
    ['nominees-not-nominated', 'nominees-not-nominated'],
  );
  const no = nomineesMails(4, contact({ screeningReason: 'Løsningen er ikke i drift' }), 'not-eligible');
  assert.deepEqual(
    no.map((m) => [m.kind, m.to, m.values.reason]),
    [['nominees-not-eligible', 'nina@example.dk', 'Løsningen er ikke i drift']],
  );
});

test("winner mails: the winner's own and the others', the confidential notice, the thanks to members", () => {
  assert.deepEqual(
    winnerMails(4, contact(), 'Løsning A', true).map((m) => m.kind),
    ['winner-announced-winner', 'winner-announced-winner'],
  );
  const other = winnerMails(4, contact({ title: 'Løsning B' }), 'Løsning A', false);
  assert.equal(other[0]!.kind, 'winner-announced');
  assert.equal(other[0]!.values.winner, 'Løsning A');
  assert.equal(winnerConfidentialMails(4, contact())[0]!.dedupeKey, 'publication:winner-confidential:4:9:nominator');
  const thanks = thanksMails(
    4,
    [
      { id: 1, role: 'committee', name: 'K', email: 'k@example.dk', language: null },
      { id: 2, role: 'panel', name: 'P', email: 'p@example.dk', language: 'en' },
    ],
    'Løsning A',
  );
  assert.deepEqual(
    thanks.map((m) => [m.kind, m.language, m.dedupeKey]),
    [
      ['thanks-committee', 'da', 'publication:thanks:4:1'],
      ['thanks-panel', 'en', 'publication:thanks:4:2'],
    ],
  );
});
