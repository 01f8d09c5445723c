import { scanPlaceholders } from './template-rules.js';

/**
 * Fills a template's placeholders with `values` (plain text). A line whose placeholders all
 * came out empty (and that holds at least one) is left out, so an optional value ("Begrundelse:
 * {{reason}}") needs no condition in the template; then runs of blank lines become one.
 * A placeholder without a value (a saved template is checked, so only in a test) becomes empty.
 * The result is plain text: markup typed into a template stays text (the HTML part escapes it).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const lines: string[] = [];
  for (const line of compiled(template)) {
    if (line.names.length === 0) {
      lines.push(line.pieces[0]!);
      continue;
    }
    let out = line.pieces[0]!;
    let anyValue = false;
    for (let i = 0; i < line.names.length; i++) {
      const value = values[line.names[i]!] ?? '';
      if (value.trim() !== '') anyValue = true;
      out += value + line.pieces[i + 1]!;
    }
    if (anyValue) for (const l of out.split('\n')) lines.push(l);
  }
  return lines
    .map(withoutTrailingBlanks)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A line of a template: its text around its placeholders (`pieces`, one more than `names`). */
type TemplateLine = { pieces: string[]; names: string[] };

// Templates read into lines and placeholders once: a round's few templates fill every e-mail of
// a deadline rush (BENCHMARKS.md, "The write path, round three"). Bounded: templates are few,
// but an administrator's every saved version is a new one.
const COMPILED_MAX = 256;
const compiledTemplates = new Map<string, TemplateLine[]>();

function compiled(template: string): TemplateLine[] {
  let lines = compiledTemplates.get(template);
  if (lines) return lines;
  lines = template.split('\n').map((line) => {
    const { uses } = scanPlaceholders(line);
    const pieces: string[] = [];
    let from = 0;
    for (const u of uses) {
      pieces.push(line.slice(from, u.index));
      from = u.end;
    }
    pieces.push(line.slice(from));
    return { pieces, names: uses.map((u) => u.name) };
  });
  if (compiledTemplates.size >= COMPILED_MAX) compiledTemplates.clear();
  compiledTemplates.set(template, lines);
  return lines;
}

/** The line without its trailing spaces and tabs (`/[ \t]+$/`, without the regular expression's backtracking over long lines). */
function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  for (;;) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** A subject on one line, whatever its values held. */
export function fillSubject(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return fillTemplate(template, values).replace(/\s+/g, ' ').trim();
}
