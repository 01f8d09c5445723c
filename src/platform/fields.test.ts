import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import {
  checkboxField,
  cleanText,
  emailField,
  fieldIssues,
  formField,
  formText,
  httpUrlField,
  integerField,
  isEmail,
  localInstantField,
  textField,
} from './fields.js';

test('isEmail accepts addresses we can send to and refuses the rest', () => {
  const cases: [string, boolean][] = [
    ['anna@rm.dk', true],
    ['anna.b.hansen+pris@regionmidtjylland.dk', true],
    ['søren@æblegård.dk', true],
    ['', false],
    ['anna', false],
    ['anna@rm', false],
    ['anna@rm.d', false],
    ['anna @rm.dk', false],
    ['anna@@rm.dk', false],
    ['"anna"@rm.dk', false],
    ['anna@rm.dk<script>', false],
    ['anna,bo@rm.dk', false],
    [`${'a'.repeat(250)}@rm.dk`, false],
  ];
  for (const [input, expected] of cases) assert.equal(isEmail(input), expected, input);
});

test('formText normalises to NFC and \\n and drops control characters, keeping the rest as typed', () => {
  assert.equal(formText('a\u030A'), 'å');
  assert.equal(formText('  a\r\nb\rc  '), '  a\nb\nc  ');
  assert.equal(formText('a\u0000b\u0007c\u007Fd\te'), 'abcd\te');
  assert.equal(formText(42), '');
  assert.equal(formText(undefined), '');
  assert.equal(formText(['a']), '');
});

test('cleanText trims; one line turns breaks and tabs into one space; many lines keep inner breaks', () => {
  assert.equal(cleanText('  Anna\n\tHansen  ', false), 'Anna Hansen');
  assert.equal(cleanText('\n\nFørste\n\nAnden  \n\n', true), 'Første\n\nAnden');
  assert.equal(cleanText('  indrykket', true), '  indrykket');
  assert.equal(cleanText('\u0001', false), '');
});

test('textField: cleaned text or null; required, too long, a further rule and wrong types are messages', () => {
  const name = textField({ max: 5, required: 'required', tooLong: 'long' });
  const note = textField({ max: 20, multiline: true, tooLong: 'long' });
  const cases: [unknown, unknown][] = [
    ['  Anna ', 'Anna'],
    ['A\u030Ase', 'Åse'],
    ['a\u0000b', 'ab'],
    ['', 'required'],
    [undefined, 'required'],
    [null, 'required'],
    ['\u0007 \n', 'required'],
    ['x'.repeat(6), 'long'],
    ['x'.repeat(1_000_000), 'long'],
    [5, 'required'],
    [true, 'required'],
    [['Anna'], 'required'],
    [{ toString: () => 'Anna' }, 'required'],
  ];
  for (const [input, expected] of cases) {
    const r = name.safeParse(input);
    assert.equal(r.success ? r.data : r.error.issues[0]!.message, expected, JSON.stringify(input));
  }
  assert.equal(note.parse(''), null);
  assert.equal(note.parse('\r\n\r\nEt\r\n\r\nTo\t \n'), 'Et\n\nTo');
  const mail = emailField({ tooLong: 'long', invalid: 'e-mail' });
  assert.equal(mail.parse(' anna@rm.dk '), 'anna@rm.dk');
  assert.equal(mail.safeParse('anna@rm').error?.issues[0]?.message, 'e-mail');
  const link = httpUrlField({ tooLong: 'long', invalid: 'link' });
  for (const bad of ['javascript:alert(1)', 'www.rm.dk', 'https://localhost', 'https://rm .dk', 'data:text/html,<b>']) {
    assert.equal(link.safeParse(bad).error?.issues[0]?.message, 'link', bad);
  }
  assert.equal(link.parse('https://www.rm.dk/om?x=1&y=2'), 'https://www.rm.dk/om?x=1&y=2');
});

test('integerField: a JSON number or digits typed; anything else is the one message', () => {
  const n = integerField({ min: 1, max: 999, digits: 3, invalid: 'whole' });
  const cases: [unknown, unknown][] = [
    ['5', 5],
    [' 42 ', 42],
    [7, 7],
    ['', null],
    [null, null],
    [undefined, null],
    ['0', 'whole'],
    [0, 'whole'],
    [-1, 'whole'],
    [1.5, 'whole'],
    ['1.5', 'whole'],
    ['1000', 'whole'],
    [1e300, 'whole'],
    [Number.NaN, 'whole'],
    [Number.POSITIVE_INFINITY, 'whole'],
    ['fem', 'whole'],
    ['٥', 'whole'],
    ['５', 'whole'],
    [true, 'whole'],
    [['5'], 'whole'],
  ];
  for (const [input, expected] of cases) {
    const r = n.safeParse(input);
    assert.equal(r.success ? r.data : r.error.issues[0]!.message, expected, String(input));
  }
  const year = integerField({ min: 1900, max: 9999, digits: 4, required: 'required', invalid: 'year' });
  assert.equal(year.safeParse('').error?.issues[0]?.message, 'required');
  assert.equal(year.parse(2025), 2025);
});

test('checkboxField: a ticked box (any text) or a boolean; absent is the default given', () => {
  const box = checkboxField();
  assert.deepEqual(
    ['ja', 'on', '', true, false, undefined, null].map((v) => box.parse(v)),
    [true, true, false, true, false, false, false],
  );
  assert.equal(checkboxField(true).parse(undefined), true);
  assert.equal(checkboxField(true).parse(''), false);
  assert.equal(box.safeParse(1).success, false);
});

test('localInstantField: a Copenhagen date and time, an instant, or nothing; errors on the part to fix', () => {
  const at = localInstantField({ dateInvalid: 'date', timeMissing: 'time missing', timeInvalid: 'time' });
  assert.equal(at.parse({ date: '2025-03-30', time: '12:00' })!.toISOString(), '2025-03-30T10:00:00.000Z'); // summer time
  assert.equal(at.parse({ date: '26.10.2025', time: '12.00' })!.toISOString(), '2025-10-26T11:00:00.000Z'); // winter time
  const instant = new Date('2025-01-01T00:00:00Z');
  assert.equal(at.parse(instant), instant);
  assert.equal(at.parse({ date: '', time: '12:00' }), null, 'a time without a date is no instant');
  assert.equal(at.parse(null), null);
  assert.equal(at.parse(undefined), null);
  const issue = (v: unknown) => {
    const r = at.safeParse(v);
    return r.success ? null : [r.error.issues[0]!.path, r.error.issues[0]!.message];
  };
  assert.deepEqual(issue({ date: '2025-02-29', time: '12:00' }), [['date'], 'date']);
  assert.deepEqual(issue({ date: '<script>', time: '12:00' }), [['date'], 'date']);
  assert.deepEqual(issue({ date: '2025-02-28', time: '' }), [['time'], 'time missing']);
  assert.deepEqual(issue({ date: '2025-02-28', time: '25:00' }), [['time'], 'time']);
  assert.deepEqual(issue('2025-02-28'), [[], 'date']);
  assert.deepEqual(issue(20250228), [[], 'date']);
});

test('fieldIssues keeps the first issue of each field; formField reads the first value of a repeated field', () => {
  const schema = z.object({ a: textField({ max: 1, required: 'a required', tooLong: 'a long' }), b: z.array(z.string().max(1, 'b long')) });
  const r = schema.safeParse({ a: '', b: ['xx', 'yy'] });
  assert.deepEqual(fieldIssues(r.error!), [
    { path: ['a'], message: 'a required' },
    { path: ['b', 0], message: 'b long' },
    { path: ['b', 1], message: 'b long' },
  ]);
  assert.equal(formField({ a: ['x\r\ny', 'z'] }, 'a'), 'x\ny');
  assert.equal(formField({ a: 5 }, 'a'), '');
  assert.equal(formField({}, 'a'), '');
});
