import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONFIRMATION_WINDOW_MS,
  CONFIRMATIONS_PER_WINDOW,
  dueDraftReminders,
  MESSAGE_LIMITS,
  messageSchema,
  offersSignup,
  parseUnsubscribeToken,
  reachable,
  subscribeOutcome,
  subscribeSchema,
  uniqueRecipients,
  unsubscribeToken,
} from './outreach-rules.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

test('reachable: who can be written to, with the reason when not', () => {
  const cases: [string, ReturnType<typeof reachable>][] = [
    ['ane@rm.dk', { ok: true }],
    [' ane@rm.dk ', { ok: true }],
    ['', { ok: false, reason: 'empty' }],
    ['   ', { ok: false, reason: 'empty' }],
    ['slettet-42@anonymiseret.invalid', { ok: false, reason: 'erased' }],
    ['SLETTET-1@ANONYMISERET.INVALID', { ok: false, reason: 'erased' }],
    ['ane', { ok: false, reason: 'malformed' }],
    ['ane@rm', { ok: false, reason: 'malformed' }],
    ['a b@rm.dk', { ok: false, reason: 'malformed' }],
    ['æble@æblehaven.dk', { ok: true }],
  ];
  for (const [address, expected] of cases) assert.deepEqual(reachable(address), expected, address);
});

test('uniqueRecipients: each reachable address once, case-insensitively, first name kept, order kept', () => {
  const got = uniqueRecipients([
    { email: 'Ane@rm.dk', name: 'Ane' },
    { email: 'bo@rm.dk', name: 'Bo' },
    { email: 'ane@RM.dk', name: 'Ane igen' },
    { email: '', name: 'Slettet' },
    { email: 'slettet-3@anonymiseret.invalid', name: '' },
    { email: ' cy@rm.dk ', name: 'Cy' },
  ]);
  assert.deepEqual(got, [
    { email: 'Ane@rm.dk', name: 'Ane' },
    { email: 'bo@rm.dk', name: 'Bo' },
    { email: 'cy@rm.dk', name: 'Cy' },
  ]);
  assert.deepEqual(uniqueRecipients([]), []);
});

test('dueDraftReminders: 3 days and 1 day before the deadline, never at or after it', () => {
  const closes = new Date('2027-03-01T11:00:00Z');
  const at = (msBefore: number) => new Date(closes.getTime() - msBefore);
  const cases: [string, Date, ReturnType<typeof dueDraftReminders>][] = [
    ['a week before', at(7 * DAY), { ok: false, reason: 'too-early' }],
    ['1 ms before 3 days', at(3 * DAY + 1), { ok: false, reason: 'too-early' }],
    ['exactly 3 days before', at(3 * DAY), { ok: true, due: ['3d'], send: '3d' }],
    ['2 days before', at(2 * DAY), { ok: true, due: ['3d'], send: '3d' }],
    ['exactly 1 day before', at(DAY), { ok: true, due: ['3d', '1d'], send: '1d' }],
    ['1 hour before', at(HOUR), { ok: true, due: ['3d', '1d'], send: '1d' }],
    ['1 ms before', at(1), { ok: true, due: ['3d', '1d'], send: '1d' }],
    ['at the deadline', at(0), { ok: false, reason: 'deadline-passed' }],
    ['after the deadline', at(-HOUR), { ok: false, reason: 'deadline-passed' }],
  ];
  for (const [label, now, expected] of cases) assert.deepEqual(dueDraftReminders(closes, now), expected, label);
});

test('offersSignup: the sign-up is offered unless a round is open for nominations', () => {
  const cases: [string | null, boolean][] = [
    [null, true],
    ['upcoming', true],
    ['open', false],
    ['closed', true],
    ['in-review', true],
    ['winner-announced', true],
    ['archived', true],
  ];
  for (const [phase, expected] of cases) assert.equal(offersSignup(phase), expected, String(phase));
});

test('messageSchema: refusals are problem codes at the field; text is cleaned, markup kept as typed', () => {
  const issues = (input: unknown) => {
    const r = messageSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
  };
  assert.deepEqual(issues({}), ['group:groupRequired', 'subject:subjectRequired', 'body:bodyRequired']);
  assert.deepEqual(issues({ group: 'everyone', subject: 'x', body: 'y' }), ['group:groupRequired']);
  assert.deepEqual(issues({ group: 'drafts', subject: '   ', body: '\n\n' }), ['subject:subjectRequired', 'body:bodyRequired']);
  assert.deepEqual(issues({ group: 'drafts', subject: 'x'.repeat(MESSAGE_LIMITS.subject + 1), body: 'y' }), ['subject:subjectTooLong']);
  assert.deepEqual(issues({ group: 'drafts', subject: 'x', body: 'y'.repeat(MESSAGE_LIMITS.body + 1) }), ['body:bodyTooLong']);
  assert.deepEqual(issues({ group: 'drafts', subject: 'x'.repeat(MESSAGE_LIMITS.subject), body: 'y'.repeat(MESSAGE_LIMITS.body) }), []);
  assert.deepEqual(issues({ group: ['drafts'], subject: 1, body: {} }).length, 3);
  const ok = messageSchema.parse({ group: 'nominators', subject: ' Husk\tfristen\n ', body: '<script>alert(1)</script>\r\nA\u0007 \u0041\u030A ' });
  assert.deepEqual(ok, { group: 'nominators', subject: 'Husk fristen', body: '<script>alert(1)</script>\nA Å' });
});

test('subscribeSchema: one address, with the problem code', () => {
  const code = (email: unknown) => {
    const r = subscribeSchema.safeParse({ email });
    return r.success ? r.data.email : r.error.issues[0]!.message;
  };
  assert.equal(code(''), 'emailRequired');
  assert.equal(code(undefined), 'emailRequired');
  assert.equal(code('ane'), 'emailInvalid');
  assert.equal(code('x@anonymiseret.invalid'), 'emailInvalid');
  assert.equal(code(`${'a'.repeat(250)}@rm.dk`), 'emailTooLong');
  assert.equal(code(' ane@rm.dk '), 'ane@rm.dk');
});

test('subscribeOutcome: create, resend a few times a day, or nothing; the visitor sees the same answer', () => {
  const now = new Date('2027-01-10T12:00:00Z');
  const row = (o: Partial<Parameters<typeof subscribeOutcome>[0] & object>) => ({
    confirmedAt: null,
    notifiedAt: null,
    confirmationsSent: 1,
    confirmationsWindowAt: new Date(now.getTime() - HOUR),
    ...o,
  });
  const cases: [string, Parameters<typeof subscribeOutcome>[0], ReturnType<typeof subscribeOutcome>][] = [
    ['new address', null, { action: 'create' }],
    ['fulfilled earlier', row({ confirmedAt: new Date(0), notifiedAt: new Date(0) }), { action: 'create' }],
    ['confirmed', row({ confirmedAt: new Date(0) }), { action: 'nothing', reason: 'already-confirmed' }],
    ['waiting, 1 sent', row({}), { action: 'resend', windowAt: new Date(now.getTime() - HOUR), sent: 2 }],
    ['waiting, cap reached', row({ confirmationsSent: CONFIRMATIONS_PER_WINDOW }), { action: 'nothing', reason: 'too-many' }],
    [
      'waiting, cap reached but the window is over',
      row({ confirmationsSent: CONFIRMATIONS_PER_WINDOW, confirmationsWindowAt: new Date(now.getTime() - CONFIRMATION_WINDOW_MS) }),
      { action: 'resend', windowAt: now, sent: 1 },
    ],
  ];
  for (const [label, existing, expected] of cases) assert.deepEqual(subscribeOutcome(existing, now), expected, label);
});

test('unsubscribe tokens: bound to the id and the address under the secret, and parsed strictly', () => {
  const a = unsubscribeToken('k'.repeat(32), { id: 7, email: 'Ane@rm.dk' });
  assert.match(a, /^7-[0-9a-f]{64}$/);
  assert.equal(a, unsubscribeToken('k'.repeat(32), { id: 7, email: 'ane@rm.dk' }), 'the case of the address does not matter');
  assert.notEqual(a, unsubscribeToken('k'.repeat(32), { id: 8, email: 'ane@rm.dk' }));
  assert.notEqual(a, unsubscribeToken('k'.repeat(32), { id: 7, email: 'bo@rm.dk' }));
  assert.notEqual(a, unsubscribeToken('x'.repeat(32), { id: 7, email: 'ane@rm.dk' }));
  assert.equal(parseUnsubscribeToken(a), 7);
  for (const bad of [
    '',
    'T'.repeat(43),
    `0-${'a'.repeat(64)}`,
    `7-${'a'.repeat(63)}`,
    `7-${'A'.repeat(64)}`,
    `99999999999-${'a'.repeat(64)}`,
    `7-${'a'.repeat(64)}x`,
  ]) {
    assert.equal(parseUnsubscribeToken(bad), null, bad);
  }
});
