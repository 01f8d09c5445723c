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
 *
 * With `reuse` (the command line, so `npm start`), the build is skipped when nothing it reads
 * changed since the last one: every source's path, size and modification time, this script,
 * tsconfig.json and esbuild's version, kept in a stamp file beside the output. A source added,
 * changed or deleted rebuilds everything, as before.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ out?: string; dirs?: string[]; tests?: boolean; reuse?: boolean }} [options]
 * @returns {Promise<{ files: number; ms: number; reused: boolean }>}
 */
export async function compile({ out = 'dist', dirs = ['src'], tests = false, reuse = false } = {}) {
  const started = Date.now();
  const outDir = resolve(root, out);
  /** @type {string[]} */
  const sources = [];
  /** @type {string[]} */
  const copies = [];
  for (const dir of dirs) {
    walk(join(root, dir), (file) => {
      if (!tests && /\.test\.tsx?$/.test(file)) return;
      if (/\.tsx?$/.test(file) && !file.endsWith('.d.ts')) sources.push(file);
      else if (/\.m?js$/.test(file)) copies.push(file);
    });
  }
  const stampFile = join(outDir, `.build-stamp-${dirs.join('-')}${tests ? '-tests' : ''}`);
  const stamp = fingerprint([...sources, ...copies, fileURLToPath(import.meta.url), join(root, 'tsconfig.json')]);
  if (reuse && dirs.every((dir) => existsSync(join(outDir, dir))) && readOr(stampFile) === stamp) {
    return { files: sources.length + copies.length, ms: Date.now() - started, reused: true };
  }
  rmSync(stampFile, { force: true });
  for (const dir of dirs) rmSync(join(outDir, dir), { recursive: true, force: true });
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
  writeFileSync(stampFile, stamp);
  return { files: sources.length + copies.length, ms: Date.now() - started, reused: false };
}

/**
 * What a build depends on: each file's path, size and modification time, and esbuild's version.
 * @param {string[]} files
 */
function fingerprint(files) {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  for (const file of [...files].sort()) {
    const s = statSync(file);
    hash.update(`${relative(root, file)} ${s.size} ${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** @param {string} file */
function readOr(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
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
  /** @type {{ out?: string; dirs?: string[]; tests?: boolean; reuse?: boolean }} */
  const options = { tests: false, reuse: true };
  /** @type {string[]} */
  const dirs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') options.out = args[++i];
    else if (args[i] === '--tests') options.tests = true;
    else dirs.push(/** @type {string} */ (args[i]));
  }
  if (dirs.length) options.dirs = dirs;
  compile(options).then(
    ({ files, ms, reused }) =>
      console.log(
        reused
          ? `${options.out ?? 'dist'}/ is up to date with its ${files} files (checked in ${ms} ms)`
          : `built ${files} files into ${options.out ?? 'dist'}/ in ${ms} ms`,
      ),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
