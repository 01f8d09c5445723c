import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

export const BENCHMARKS_FILE = join(projectRoot, 'BENCHMARKS.md');

/**
 * Puts a benchmark's section (its start and end markers included) into BENCHMARKS.md: in place
 * of the old one between the same markers, or at the end (the file made from `newFile` when
 * missing); the rest of the file is left alone. Then formats the file as the linter wants it
 * (padded Markdown tables), so a benchmark run never leaves `npm test`'s lint failing.
 * Returns the file's path.
 */
export function writeBenchmarkSection(section: string, markers: { start: string; end: string }, opts: { file?: string; newFile?: string } = {}): string {
  const file = opts.file ?? BENCHMARKS_FILE;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : (opts.newFile ?? '# Benchmarks\n');
  const start = current.indexOf(markers.start);
  const end = current.indexOf(markers.end, start === -1 ? 0 : start);
  writeFileSync(
    file,
    start !== -1 && end !== -1 ? current.slice(0, start) + section + current.slice(end + markers.end.length) : `${current.replace(/\s*$/, '')}\n\n${section}\n`,
  );
  try {
    execFileSync(join(projectRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', file], { stdio: 'ignore' });
  } catch {
    console.log(`# biome could not format ${file}: run npx biome check --write ${file}`);
  }
  return file;
}
