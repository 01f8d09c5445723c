import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nomineesMail, recipientsOf, winnerMail, type NoticeContact, type NoticeEdition } from './notice-mails.js';

const edition: NoticeEdition = {
  id: 4,
  year: 2024,
  awardName: 'Initiativprisen',
  awardSlug: 'initiativprisen',
  organisationName: 'Region Midtjylland',
  winnerAnnouncedAt: new Date('2024-10-23T14:00:00Z'),
  eventName: 'Innovationsdagen',
};
const contact = (over: Partial<NoticeContact> = {}): NoticeContact => ({
  id: 9,
  title: 'Løsning A',
  nominatorName: 'Nina',
  nominatorEmail: 'nina@example.dk',
  nomineeNames: 'Anna',
  nomineeEmail: 'anna@example.dk',
  nomineeNamePublic: true,
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

test('the nominee mail says the name is not shown without consent, and when the winner comes', () => {
  const m = nomineesMail(edition, contact({ nomineeNamePublic: false }), { role: 'nominee', to: 'anna@example.dk', name: 'Anna' }, 'https://p.example');
  assert.equal(m.subject, 'Nomineret til Initiativprisen 2024: Løsning A');
  assert.equal(m.dedupeKey, 'publication:nominees:4:9:nominee');
  assert.ok(m.text.includes('Dit navn og din afdeling vises ikke på siden'));
  assert.ok(m.text.includes('Vinderen offentliggøres 23. oktober 2024 kl. 16.00 på Innovationsdagen.'));
  assert.ok(m.text.includes('https://p.example/priser/initiativprisen/2024'));
  assert.ok(!m.text.includes('\n\n\n'));
});

test('winner mails: the winner’s own congratulate, the others name the winner', () => {
  const own = winnerMail(edition, contact(), 'Løsning A', true, { role: 'nominee', to: 'anna@example.dk', name: 'Anna' }, 'https://p.example');
  assert.equal(own.subject, 'Vinder af Initiativprisen 2024: Løsning A');
  assert.ok(own.text.includes('Jeres løsning "Løsning A" har vundet Initiativprisen 2024. Tillykke!'));
  const other = winnerMail(
    edition,
    contact({ title: 'Løsning B' }),
    'Løsning A',
    false,
    { role: 'nominator', to: 'nina@example.dk', name: '' },
    'https://p.example',
  );
  assert.ok(other.text.startsWith('Hej\n\nVinderen af Initiativprisen 2024 er fundet: "Løsning A".'));
});
