import { scanPlaceholders } from './template-rules.js';

/**
 * Fills a template's placeholders with `values` (plain text). A line whose placeholders all
 * came out empty (and that holds at least one) is left out, so an optional value ("Begrundelse:
 * {{reason}}") needs no condition in the template; then runs of blank lines become one.
 * A placeholder without a value (a saved template is checked, so only in a test) becomes empty.
 * The result is plain text: markup typed into a template stays text (the HTML part escapes it).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const lines = template.split('\n').flatMap((line) => {
    const { uses } = scanPlaceholders(line);
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

/** A subject on one line, whatever its values held. */
export function fillSubject(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return fillTemplate(template, values).replace(/\s+/g, ' ').trim();
}
