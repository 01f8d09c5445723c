import { type MessageKind, placeholdersOf } from './catalogue.js';

// The rules a template must keep to be saved. Each returns its reasons, with the place of the
// problem (line and column, counted from 1) so the page can point to the spot.

/** Most characters of a subject; a longer one is cut by mail programs anyway. */
export const SUBJECT_MAX = 200;
/** Most characters of a body. */
export const BODY_MAX = 10_000;

export type TemplateField = 'subject' | 'body';

export type TemplateProblem =
  | { field: TemplateField; reason: 'required' }
  | { field: TemplateField; reason: 'too-long'; limit: number; length: number; line: number; column: number }
  | { field: TemplateField; reason: 'unknown-placeholder'; name: string; line: number; column: number }
  | { field: TemplateField; reason: 'unclosed-placeholder'; line: number; column: number };

/** One `{{name}}` found in a text, with where it starts. */
export type PlaceholderUse = { name: string; index: number; end: number };

const NAME = /^[a-z][a-z0-9-]*$/;

/** Line and column (from 1) of a character index. */
export function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The placeholders of a text, in order, and the places where `{{` is not closed. Spaces inside
 * the braces are allowed (`{{ deadline }}`); a name is lower-case letters, digits and hyphens.
 */
export function scanPlaceholders(text: string): { uses: PlaceholderUse[]; unclosed: number[] } {
  const uses: PlaceholderUse[] = [];
  const unclosed: number[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    const lineEnd = text.indexOf('\n', open);
    // A placeholder never spans lines or holds another one.
    if (close < 0 || (nextOpen >= 0 && nextOpen < close) || (lineEnd >= 0 && lineEnd < close)) {
      unclosed.push(open);
      from = open + 2;
      continue;
    }
    uses.push({ name: text.slice(open + 2, close).trim(), index: open, end: close + 2 });
    from = close + 2;
  }
  return { uses, unclosed };
}

function checkField(kind: MessageKind, field: TemplateField, text: string, max: number): TemplateProblem[] {
  if (text.trim() === '') return [{ field, reason: 'required' }];
  const problems: TemplateProblem[] = [];
  if (text.length > max) problems.push({ field, reason: 'too-long', limit: max, length: text.length, ...positionOf(text, max) });
  const allowed = new Set<string>(placeholdersOf(kind));
  const { uses, unclosed } = scanPlaceholders(text);
  for (const u of uses) {
    if (!NAME.test(u.name) || !allowed.has(u.name)) problems.push({ field, reason: 'unknown-placeholder', name: u.name, ...positionOf(text, u.index) });
  }
  for (const at of unclosed) problems.push({ field, reason: 'unclosed-placeholder', ...positionOf(text, at) });
  return problems;
}

/**
 * Whether a template of `kind` may be saved: subject and body present, within SUBJECT_MAX and
 * BODY_MAX characters, every `{{…}}` closed on its line and naming a placeholder of the kind.
 * Returns every problem, subject first, each in reading order.
 */
export function checkTemplate(kind: MessageKind, t: { subject: string; body: string }): { ok: true } | { ok: false; problems: TemplateProblem[] } {
  const subjectProblems = checkField(kind, 'subject', t.subject, SUBJECT_MAX);
  const bodyProblems = checkField(kind, 'body', t.body, BODY_MAX);
  const sorted = (ps: TemplateProblem[]) => [...ps].sort((a, b) => ('line' in a ? a.line * 1e6 + a.column : 0) - ('line' in b ? b.line * 1e6 + b.column : 0));
  const problems = [...sorted(subjectProblems), ...sorted(bodyProblems)];
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
