/**
 * The fault tests' figures (loads held, inputs tried, what was lost), collected in
 * `.tmp/faults-figures.json` while `npm run test:faults` runs; the runner prints them at the
 * end so they can be copied into RELIABILITY.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

export const FIGURES_FILE = join(projectRoot, '.tmp', 'faults-figures.json');

export function readFigures(): Record<string, Record<string, number | string>> {
  try {
    return JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, Record<string, number | string>>;
  } catch {
    return {};
  }
}

export function recordFigures(name: string, figures: Record<string, number | string>): void {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  const all = readFigures();
  all[name] = figures;
  writeFileSync(FIGURES_FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`# figures ${name}: ${JSON.stringify(figures)}`);
}
