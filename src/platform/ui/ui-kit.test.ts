/**
 * Pages are built only from the DKFDS kit in src/platform/ui: no DKFDS form, alert,
 * breadcrumb, step indicator, back link or modal markup written by hand anywhere else in src/.
 * Also: the kit's icons are still DKFDS's own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectRoot } from '../paths.js';
import { ICON_SYMBOLS } from './icon-symbols.js';

const src = join(projectRoot, 'src');
const kit = join(src, 'platform', 'ui');

/** What only the kit writes. */
const KIT_MARKUP: [string, RegExp][] = [
  ['alert', /class=["{`][^"}`]*\balert\b|\balert alert-|\balert-(?:heading|text|body)\b/],
  ['form group', /\bform-group\b/],
  ['field error', /\bform-error-message\b|\bform-error\b/],
  ['hint', /\bform-hint\b/],
  ['label', /\bform-label\b/],
  ['input', /\bform-(?:input|select|radio|checkbox)\b/],
  ['breadcrumbs', /\bbreadcrumbs__|class="breadcrumbs/],
  ['step indicator', /\bstep-indicator\b|\bstep-(?:number|title)\b/],
  ['back link', /\bback-link\b/],
  ['modal', /\bfds-modal\b|\bmodal-(?:content|header|body|footer)\b/],
  ['pagination', /\bpagination(?:__items|-item)\b|class="pagination/],
  ['table', /class=["{`](?:[^"}`]*\s)?table["}`\s]/],
  ['button', /class=["{`]\s*button\b|\bbutton button-/],
  ['icon', /\bicon-svg\b/],
];

/**
 * Pages not yet built from the kit: none. Every page is (issue 12, item 2); a page that cannot
 * be converted at once is listed here with its path, and leaves the list when it is.
 */
const NOT_YET: string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return p === kit ? [] : files(p);
    return /\.(tsx?|js)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

test('no DKFDS markup outside src/platform/ui', () => {
  const found: string[] = [];
  for (const file of files(src)) {
    const rel = relative(projectRoot, file);
    if (NOT_YET.some((prefix) => rel.startsWith(prefix))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [what, pattern] of KIT_MARKUP) if (pattern.test(line)) found.push(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, [], `DKFDS markup outside the kit; use src/platform/ui instead:\n  ${found.join('\n  ')}`);
});

test('the kit finds markup written by hand', () => {
  const hits = (line: string) => KIT_MARKUP.filter(([, p]) => p.test(line)).map(([what]) => what);
  assert.deepEqual(hits('<div class="alert alert-info">'), ['alert']);
  assert.deepEqual(hits('<ol class="breadcrumbs">'), ['breadcrumbs']);
  assert.deepEqual(hits('<div class={error ? "form-group form-error" : "form-group"}>'), ['form group', 'field error']);
  assert.deepEqual(hits('<a href="/" class="button button-primary">'), ['button']);
  assert.deepEqual(hits('<table class="table table--zebra">'), ['table']);
  assert.deepEqual(hits('<Table compact class="attachment-table" label={a.caption}>'), []);
  assert.deepEqual(hits('<Layout breadcrumbs={crumbs}>'), []);
  assert.deepEqual(hits('<Alert ctx={ctx} variant="info" heading="Afsluttet" />'), []);
});

test("the kit's icons are DKFDS's own symbols", () => {
  const sprite = readFileSync(join(projectRoot, 'node_modules/dkfds/dist/img/all-svg-icons.svg'), 'utf8');
  for (const [name, symbol] of Object.entries(ICON_SYMBOLS)) {
    assert.ok(symbol.startsWith(`<symbol id="${name}"`), name);
    assert.ok(sprite.includes(symbol), `${name} is as in dkfds/dist/img/all-svg-icons.svg`);
  }
});
