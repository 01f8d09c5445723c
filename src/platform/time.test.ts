import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addYearsInCopenhagen, copenhagen, formatDate, formatInstant, isoInCopenhagen } from './time.js';

test('formats an instant the Danish way in Copenhagen time', () => {
  assert.equal(formatInstant(new Date('2020-12-18T11:00:00Z')), '18. december 2020 kl. 12.00');
  assert.equal(formatInstant(new Date('2020-11-11T11:00:00Z')), '11. november 2020 kl. 12.00');
  assert.equal(formatInstant(new Date('2024-10-23T07:05:00Z')), '23. oktober 2024 kl. 09.05');
});

test('formats an instant in English', () => {
  assert.equal(formatInstant(new Date('2020-12-18T11:00:00Z'), 'en'), '18 December 2020 at 12:00');
  assert.equal(formatDate(new Date('2024-09-25T22:30:00Z'), 'en'), '26 September 2024');
});

test('a date is the Copenhagen date, not the UTC date', () => {
  // 23.30 UTC on 25 September is already 26 September in Copenhagen (summer time, UTC+2).
  assert.equal(formatDate(new Date('2024-09-25T23:30:00Z')), '26. september 2024');
});

test('midnight shows as 00.00', () => {
  assert.equal(formatInstant(new Date('2021-03-24T23:00:00Z')), '25. marts 2021 kl. 00.00');
});

test('copenhagen() turns wall-clock time into the right instant in winter and summer', () => {
  assert.equal(copenhagen(2020, 11, 11, 12).toISOString(), '2020-11-11T11:00:00.000Z');
  assert.equal(copenhagen(2024, 9, 26, 12).toISOString(), '2024-09-26T10:00:00.000Z');
});

test('spring DST day: the skipped hour moves forward, hours around it are exact', () => {
  // 29 March 2026: clocks go from 02.00 to 03.00.
  assert.equal(copenhagen(2026, 3, 29, 1, 59).toISOString(), '2026-03-29T00:59:00.000Z');
  assert.equal(copenhagen(2026, 3, 29, 2, 30).toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(copenhagen(2026, 3, 29, 3, 0).toISOString(), '2026-03-29T01:00:00.000Z');
  assert.equal(formatInstant(new Date('2026-03-29T00:59:00Z')), '29. marts 2026 kl. 01.59');
  assert.equal(formatInstant(new Date('2026-03-29T01:00:00Z')), '29. marts 2026 kl. 03.00');
});

test('autumn DST day: both 02.30s format as 02.30, and the wall time reads as winter time', () => {
  // 25 October 2026: clocks go from 03.00 back to 02.00.
  assert.equal(formatInstant(new Date('2026-10-25T00:30:00Z')), '25. oktober 2026 kl. 02.30');
  assert.equal(formatInstant(new Date('2026-10-25T01:30:00Z')), '25. oktober 2026 kl. 02.30');
  assert.equal(copenhagen(2026, 10, 25, 2, 30).toISOString(), '2026-10-25T01:30:00.000Z');
  assert.equal(copenhagen(2026, 10, 25, 12).toISOString(), '2026-10-25T11:00:00.000Z');
});

test('isoInCopenhagen carries the local offset', () => {
  assert.equal(isoInCopenhagen(new Date('2020-12-18T11:00:00Z')), '2020-12-18T12:00:00.000+01:00');
  assert.equal(isoInCopenhagen(new Date('2024-09-26T10:00:00Z')), '2024-09-26T12:00:00.000+02:00');
});

test('next year keeps the local time across a DST difference', () => {
  // 12.00 in winter 2020 → 12.00 in winter 2021; 12.00 on 26 Sept (summer) stays 12.00.
  assert.equal(addYearsInCopenhagen(copenhagen(2020, 11, 11, 12), 1).toISOString(), '2021-11-11T11:00:00.000Z');
  assert.equal(addYearsInCopenhagen(copenhagen(2024, 9, 26, 12), 1).toISOString(), '2025-09-26T10:00:00.000Z');
  // A leap day moves to 1 March, never to a non-existent date.
  assert.equal(addYearsInCopenhagen(copenhagen(2024, 2, 29, 12), 1).toISOString(), '2025-03-01T11:00:00.000Z');
});

test('formatInstant keeps the last minute it wrote: the same text for every second of it, a new one for the next, per language, over the change to summer time', () => {
  const at = (iso: string) => new Date(iso);
  assert.equal(formatInstant(at('2027-03-28T00:59:00Z')), '28. marts 2027 kl. 01.59');
  assert.equal(formatInstant(at('2027-03-28T00:59:59.999Z')), '28. marts 2027 kl. 01.59');
  assert.equal(formatInstant(at('2027-03-28T00:59:30Z'), 'en'), '28 March 2027 at 01:59');
  assert.equal(formatInstant(at('2027-03-28T01:00:00Z')), '28. marts 2027 kl. 03.00');
  assert.equal(formatInstant(at('2027-03-28T01:00:00Z'), 'en'), '28 March 2027 at 03:00');
  assert.equal(formatInstant(at('2027-03-28T00:59:00Z')), '28. marts 2027 kl. 01.59', 'an earlier minute again');
  assert.equal(formatInstant(at('1890-01-01T12:00:30Z')), formatInstant(at('1890-01-01T12:00:30Z')));
});
