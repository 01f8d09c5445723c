import { setupTexts } from './i18n.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messages } from '../platform/i18n/index.js';
import { copenhagen } from '../platform/time.js';
import { SETUP_REFUSALS, setupRefusalText, type SetupRefusal } from './setup-refusals.js';

test('every refusal of the setup has one answer, and the page and the API word it from the same catalogue', () => {
  const reasons = Object.keys(SETUP_REFUSALS) as SetupRefusal[];
  assert.deepEqual(reasons.sort(), ['form-locked', 'invalid', 'not-found', 'not-ready', 'refused', 'year-taken']);
  assert.equal(new Set(reasons.map((r) => SETUP_REFUSALS[r].code)).size, reasons.length);
  assert.equal(setupRefusalText(messages('da'), 'da', { ok: false, reason: 'year-taken', year: 2026 }), setupTexts('da').nextYearTaken(2026));
  assert.match(
    setupRefusalText(messages('en'), 'en', { ok: false, reason: 'form-locked', since: copenhagen(2025, 5, 1, 9, 30) }),
    /first nomination was sent 1 May 2025 at 09:30/,
  );
});
