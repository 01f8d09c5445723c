/**
 * A reporter for Node's test runner that prints nothing and, when the run ends, records how
 * long each test file took (the sum of its top-level tests) in the JSON file named by
 * TEST_DURATIONS_FILE, merged with what earlier runs recorded. scripts/test.ts starts the
 * longest files first with it, so no long file starts last and keeps one core busy alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/** @param {AsyncIterable<{ type: string; data: { nesting?: number; file?: string; details?: { duration_ms?: number } } }>} source */
export default async function* durations(source) {
  /** @type {Record<string, number>} */
  const files = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      // Keyed by the source's path from the project folder, without its extension (the runner
      // compiles into a throwaway folder; with source maps on, the events name the source).
      const file = relative(process.cwd(), event.data.file)
        .replace(/^.*test-build-\d+[/\\]/, '')
        .replace(/\.(tsx?|js)$/, '');
      files[file] = (files[file] ?? 0) + (event.data.details?.duration_ms ?? 0);
    }
  }
  const target = process.env.TEST_DURATIONS_FILE;
  if (!target) return;
  /** @type {Record<string, number>} */
  let known = {};
  try {
    known = JSON.parse(readFileSync(target, 'utf8'));
  } catch {
    // First run, or an unreadable file: start again.
  }
  for (const [file, ms] of Object.entries(files)) known[file] = Math.round(ms);
  writeFileSync(target, `${JSON.stringify(known, null, 1)}\n`);
  yield '';
}
