/**
 * Compiles the TypeScript to JavaScript with esbuild, file for file (no bundling), keeping the
 * folder layout, in well under a second. Types are not checked here: `npm run check` does that.
 *
 *   node scripts/build.mjs                       src → dist/src, tests left out (what `npm start` runs)
 *   node scripts/build.mjs --out DIR --tests src test   src and test → DIR/src, DIR/test, tests included
 *
 * Plain JavaScript run by node, so the build does not wait for a TypeScript loader to start.
 * JavaScript files among the sources (e.g. the browser's word counter) are copied as they are.
 * Each output folder is emptied first, so a deleted source leaves no stale module behind.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ out?: string; dirs?: string[]; tests?: boolean }} [options]
 * @returns {Promise<{ files: number; ms: number }>}
 */
export async function compile({ out = 'dist', dirs = ['src'], tests = false } = {}) {
  const started = Date.now();
  const outDir = resolve(root, out);
  /** @type {string[]} */
  const sources = [];
  /** @type {string[]} */
  const copies = [];
  for (const dir of dirs) {
    rmSync(join(outDir, dir), { recursive: true, force: true });
    walk(join(root, dir), (file) => {
      if (!tests && /\.test\.tsx?$/.test(file)) return;
      if (/\.tsx?$/.test(file) && !file.endsWith('.d.ts')) sources.push(file);
      else if (/\.m?js$/.test(file)) copies.push(file);
    });
  }
  await build({
    entryPoints: sources,
    outdir: outDir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const file of copies) {
    const target = join(outDir, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  return { files: sources.length + copies.length, ms: Date.now() - started };
}

/**
 * @param {string} dir
 * @param {(file: string) => void} visit
 */
function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, visit);
    else visit(p);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  /** @type {{ out?: string; dirs?: string[]; tests?: boolean }} */
  const options = { tests: false };
  /** @type {string[]} */
  const dirs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') options.out = args[++i];
    else if (args[i] === '--tests') options.tests = true;
    else dirs.push(/** @type {string} */ (args[i]));
  }
  if (dirs.length) options.dirs = dirs;
  compile(options).then(
    ({ files, ms }) => console.log(`built ${files} files into ${options.out ?? 'dist'}/ in ${ms} ms`),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
