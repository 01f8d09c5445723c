import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_VARIABLES, PRODUCTION_SECRETS } from '../src/config.js';
import { projectRoot } from '../src/platform/paths.js';

/**
 * docs/production.md is the operators' list of every environment variable: a variable the
 * configuration (or any code under src/, or the backup scripts) reads that the guide's table
 * does not list fails here, and so does a row for a variable nothing reads.
 */
const guide = readFileSync(join(projectRoot, 'docs', 'production.md'), 'utf8');

/** The variables in the first column of the guide's tables: rows that start with | `NAME`. */
const listed = new Set([...guide.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Variables read by name in code: process.env.NAME, env.NAME, env['NAME'] (config.ts reads through its schema). */
function readInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...sources(join(projectRoot, 'src')), join(projectRoot, 'scripts', 'backup.ts'), join(projectRoot, 'scripts', 'restore.ts')];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) {
      found.set(m[1] ?? m[2]!, relative(projectRoot, file));
    }
  }
  return found;
}

test('docs/production.md lists every variable the configuration reads', () => {
  assert.ok(CONFIG_VARIABLES.length >= 15, CONFIG_VARIABLES.join(', '));
  assert.deepEqual(
    CONFIG_VARIABLES.filter((v) => !listed.has(v)),
    [],
  );
});

test('docs/production.md lists every variable read by name elsewhere in the code (backup scripts included)', () => {
  const missing = [...readInCode()].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (${file})`);
  assert.deepEqual(missing, []);
});

test('docs/production.md marks each production secret as a secret, and lists nothing that nothing reads', () => {
  for (const s of PRODUCTION_SECRETS) assert.match(guide, new RegExp(`^\\|\\s*\`${s.variable}\`\\s*\\|[^\\n]*\\*\\*secret\\*\\*`, 'm'), s.variable);
  const read = new Set([...CONFIG_VARIABLES, ...readInCode().keys()]);
  // The OpenID Connect client secrets have names of the operator's choosing (identity_providers.client_secret_env).
  const placeholders = new Set(['OIDC_CLIENT_SECRET_RM']);
  assert.deepEqual(
    [...listed].filter((v) => !read.has(v) && !placeholders.has(v)),
    [],
  );
});
