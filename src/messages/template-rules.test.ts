import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMON_PLACEHOLDERS, MESSAGE_KIND_LIST, defaultTemplate, type MessageKind } from './catalogue.js';
import { BODY_MAX, SUBJECT_MAX, checkTemplate, positionOf, type TemplateProblem } from './template-rules.js';
import { fillSubject, fillTemplate } from './render.js';
import { messagesTexts } from './i18n.js';

// [case, kind, subject, body, problems]
const CASES: [string, MessageKind, string, string, TemplateProblem[]][] = [
  ['plain text without placeholders', 'receipt', 'Tak', 'Tak for din indstilling.', []],
  ['a common and an own placeholder', 'receipt', '{{edition}} ({{receipt}})', 'Kære {{recipient}}\nFrist: {{deadline}}', []],
  ['spaces inside the braces', 'receipt', '{{ edition }}', 'x', []],
  ['empty subject', 'receipt', '  ', 'x', [{ field: 'subject', reason: 'required' }]],
  ['empty body', 'receipt', 'x', '\n\n', [{ field: 'body', reason: 'required' }]],
  [
    'an unknown name, with its place',
    'receipt',
    'x',
    'Kære {{recipient}}\nSe {{nominee}} nu',
    [{ field: 'body', reason: 'unknown-placeholder', name: 'nominee', line: 2, column: 4 }],
  ],
  [
    "another kind's placeholder is unknown here",
    'draft-link',
    'x',
    '{{receipt}}',
    [{ field: 'body', reason: 'unknown-placeholder', name: 'receipt', line: 1, column: 1 }],
  ],
  ['upper case is not a name', 'receipt', '{{Edition}}', 'x', [{ field: 'subject', reason: 'unknown-placeholder', name: 'Edition', line: 1, column: 1 }]],
  ['empty braces', 'receipt', 'x', 'a {{}} b', [{ field: 'body', reason: 'unknown-placeholder', name: '', line: 1, column: 3 }]],
  ['markup is only text, no placeholder', 'receipt', 'x', '<script>alert(1)</script> {{edition}}', []],
  ['not closed on its line', 'receipt', 'x', 'a {{edition\n}}', [{ field: 'body', reason: 'unclosed-placeholder', line: 1, column: 3 }]],
  ['an opening inside another', 'receipt', 'x', '{{a {{edition}}', [{ field: 'body', reason: 'unclosed-placeholder', line: 1, column: 1 }]],
  ['single braces are text', 'receipt', 'x', '{edition} }} {', []],
  [
    'subject too long, with the place of the limit',
    'receipt',
    'x'.repeat(SUBJECT_MAX + 1),
    'x',
    [{ field: 'subject', reason: 'too-long', limit: SUBJECT_MAX, length: SUBJECT_MAX + 1, line: 1, column: SUBJECT_MAX + 1 }],
  ],
  [
    'body too long on a later line',
    'receipt',
    'x',
    `${'a'.repeat(9)}\n${'b'.repeat(BODY_MAX)}`,
    [{ field: 'body', reason: 'too-long', limit: BODY_MAX, length: BODY_MAX + 10, line: 2, column: BODY_MAX - 9 }],
  ],
  [
    'several problems in reading order, subject first',
    'withdrawal',
    '{{x}}',
    '{{y}} {{title}}\n{{z',
    [
      { field: 'subject', reason: 'unknown-placeholder', name: 'x', line: 1, column: 1 },
      { field: 'body', reason: 'unknown-placeholder', name: 'y', line: 1, column: 1 },
      { field: 'body', reason: 'unclosed-placeholder', line: 2, column: 1 },
    ],
  ],
];

for (const [name, kind, subject, body, problems] of CASES) {
  test(`template rule: ${name}`, () => {
    assert.deepEqual(checkTemplate(kind, { subject, body }), problems.length === 0 ? { ok: true } : { ok: false, problems });
  });
}

test('every default template of every kind keeps the rule, in Danish and English', () => {
  for (const kind of MESSAGE_KIND_LIST) {
    for (const lang of ['da', 'en'] as const) assert.deepEqual(checkTemplate(kind, defaultTemplate(kind, lang)), { ok: true }, `${kind} ${lang}`);
  }
});

test('every placeholder has a description in both languages, and every kind a name', () => {
  for (const lang of ['da', 'en'] as const) {
    const t = messagesTexts(lang);
    for (const p of COMMON_PLACEHOLDERS) assert.ok(t.placeholder[p]);
    for (const kind of MESSAGE_KIND_LIST) assert.ok(t.kind[kind]);
  }
});

test('positions count lines and columns from 1', () => {
  assert.deepEqual(positionOf('ab\ncd', 0), { line: 1, column: 1 });
  assert.deepEqual(positionOf('ab\ncd', 4), { line: 2, column: 2 });
});

test('filling: values in, a line whose placeholders are all empty left out, blank lines merged', () => {
  const body = 'Kære {{recipient}}\n\nBegrundelse: {{reason}}\n\n{{changes}}\n\nHilsen {{organisation}}';
  assert.equal(fillTemplate(body, { recipient: 'Anne', reason: '', changes: '- a\n- b', organisation: 'RM' }), 'Kære Anne\n\n- a\n- b\n\nHilsen RM');
  assert.equal(fillTemplate(body, { recipient: 'Anne', reason: 'For sent', organisation: 'RM' }), 'Kære Anne\n\nBegrundelse: For sent\n\nHilsen RM');
  // A line with one value of two is kept.
  assert.equal(fillTemplate('{{a}} og {{b}}', { a: 'x', b: '' }), 'x og');
  // A value holding braces is not filled again.
  assert.equal(fillTemplate('{{a}}', { a: '{{b}}', b: 'no' }), '{{b}}');
  assert.equal(fillSubject('Ny {{a}}\n{{b}}', { a: 'dato', b: 'x\ny' }), 'Ny dato x y');
});

// fillTemplate reads a template once and trims lines without a regular expression (round three
// of the write path); what it writes is the same as the line-by-line version it replaced.
function fillTemplateByLines(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const lines = template.split('\n').flatMap((line) => {
    const uses = [...line.matchAll(/\{\{([^{}\n]*?)\}\}/g)].map((m) => ({ name: m[1]!.trim(), index: m.index, end: m.index + m[0].length }));
    if (uses.length === 0) return [line];
    let out = '';
    let from = 0;
    let anyValue = false;
    for (const u of uses) {
      const value = values[u.name] ?? '';
      if (value.trim() !== '') anyValue = true;
      out += line.slice(from, u.index) + value;
      from = u.end;
    }
    out += line.slice(from);
    return anyValue ? out.split('\n') : [];
  });
  return lines
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

test('filling is the same as line by line: trailing blanks, tabs, empty values, placeholders with spaces, the same template twice', () => {
  const cases: [string, Record<string, string | undefined>][] = [
    ['Kære {{ recipient }}  \t\n\n\n\nTekst {{a}}{{b}} \n{{c}}\n\t \n', { recipient: 'Å', a: ' ', b: '\t', c: 'linje 1  \nlinje 2\t\n\n\n\nlinje 3 ' }],
    ['{{a}}', { a: '  ' }],
    ['  \n{{a}}\n  ', { a: 'x\u00a0 ' }],
    ['Intet her\r\n{{missing}} og tekst', {}],
    ['{{a}} {{a}} {{b}}', { a: '1', b: undefined }],
    ['', { a: 'x' }],
    ['{{a}}\n\n\n{{b}}', { a: '', b: 'b' }],
  ];
  for (const [template, values] of cases) {
    for (let time = 0; time < 2; time++) assert.equal(fillTemplate(template, values), fillTemplateByLines(template, values), JSON.stringify(template));
  }
  assert.equal(fillTemplate('x\t \t', {}), 'x');
});
