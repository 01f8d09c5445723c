import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nomineeContactRefusal, type NomineeContactRefusal } from './nominee-contact.service.js';

type Row = Parameters<typeof nomineeContactRefusal>[0];
const sent = { status: 'sent', nomineeEmail: '' } as const;

const cases: [string, Row, string, NomineeContactRefusal | null][] = [
  ['a sent nomination without an address, a good address', sent, 'kontakt@auh.rm.dk', null],
  ['no such nomination', null, 'kontakt@auh.rm.dk', 'not-found'],
  ['a draft is the nominator’s private work', { status: 'draft', nomineeEmail: '' }, 'kontakt@auh.rm.dk', 'not-sent'],
  ['a withdrawn nomination', { status: 'withdrawn', nomineeEmail: '' }, 'kontakt@auh.rm.dk', 'withdrawn'],
  ['the nominator gave an address', { status: 'sent', nomineeEmail: 'x@auh.rm.dk' }, 'kontakt@auh.rm.dk', 'has-contact'],
  ['an empty address', sent, '', 'email-invalid'],
  ['not an address', sent, 'afdeling A4', 'email-invalid'],
  ['markup is not an address', sent, '<b>a@b.dk</b>', 'email-invalid'],
];

for (const [name, row, email, expected] of cases) {
  test(`adding the nominee's contact: ${name}`, () => {
    assert.equal(nomineeContactRefusal(row, email), expected);
  });
}
