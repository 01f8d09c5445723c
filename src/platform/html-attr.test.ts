import { test } from 'node:test';
import assert from 'node:assert/strict';
import Html from '@kitajs/html';
import { attr } from './html-attr.js';

test('text typed into a field comes back exactly, entities included', () => {
  const typed = 'Fisk & chips &lt;b&gt; "citat" &amp;';
  const html = Html.createElement('input', { value: attr(typed) }) as string;
  // What a browser decodes from the attribute must be what was typed.
  const decoded = /value="([^"]*)"/
    .exec(html)![1]!
    .replace(/&#34;/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  assert.equal(decoded, typed);
});
