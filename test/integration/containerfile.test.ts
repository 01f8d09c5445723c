import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSecretVariable, loadConfig, PRODUCTION_SECRETS } from '../../src/config.js';
import { projectRoot } from '../../src/platform/paths.js';

/**
 * The Containerfile checked as text (base image, user, no secrets, health check, port), and
 * built where a container engine runs. docs/production.md, "Container", describes it.
 */
const text = readFileSync(join(projectRoot, 'Containerfile'), 'utf8');
/** Instructions with their continuation lines joined, comments dropped. */
const instructions = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [, word, rest] = /^(\S+)\s*(.*)$/.exec(l)!;
    return { word: word!.toUpperCase(), rest: rest! };
  });
const all = (word: string) => instructions.filter((i) => i.word === word);

test('Containerfile: node:24-slim, dependencies with npm ci --omit=dev, then the build', () => {
  assert.deepEqual(
    all('FROM').map((i) => i.rest),
    ['node:24-slim'],
  );
  const runs = all('RUN').map((i) => i.rest);
  const ci = runs.findIndex((r) => /\bnpm ci\b.*--omit=dev/.test(r));
  const build = runs.findIndex((r) => /node scripts\/build\.mjs|npm run build/.test(r));
  assert.ok(ci >= 0, 'npm ci --omit=dev');
  assert.ok(build > ci, 'the build after the dependencies');
  // The build needs only runtime dependencies: esbuild must stay one of them.
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.ok(pkg.dependencies.esbuild, 'esbuild is a runtime dependency');
});

test('Containerfile: runs as a user other than root, from before the command to the end', () => {
  const users = all('USER');
  assert.ok(users.length > 0, 'a USER instruction');
  const last = users.at(-1)!.rest;
  assert.ok(!/^(root|0)(:|$)/.test(last), `USER ${last}`);
  const lastUser = instructions.lastIndexOf(users.at(-1)!);
  const cmd = instructions.findIndex((i) => i.word === 'CMD' || i.word === 'ENTRYPOINT');
  assert.ok(cmd > lastUser, 'CMD runs as that user');
});

test('Containerfile: no secret in ENV, ARG or a copied file', () => {
  for (const i of [...all('ENV'), ...all('ARG')]) {
    const names = [...i.rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!);
    if (names.length === 0) names.push(i.rest.split(/\s+/)[0]!);
    for (const name of names) {
      assert.ok(!isSecretVariable(name), `${i.word} ${name}: a secret is given when the container runs`);
      assert.ok(!PRODUCTION_SECRETS.some((s) => s.variable === name), name);
      assert.ok(!['DATABASE_URL', 'SMTP_URL'].includes(name), `${name} may carry a password: give it at run time`);
    }
  }
  for (const i of [...all('COPY'), ...all('ADD')]) assert.doesNotMatch(i.rest, /\.env\b|secret|\.pem|\.key\b/i, `${i.word} ${i.rest}`);
  // The build context leaves out .env files and local data, for podman and docker alike.
  const ignore = readFileSync(join(projectRoot, '.containerignore'), 'utf8');
  assert.equal(readFileSync(join(projectRoot, '.dockerignore'), 'utf8'), ignore, '.dockerignore is the same as .containerignore');
  for (const entry of ['.env', 'node_modules', 'data', '.git']) assert.match(ignore, new RegExp(`^${entry.replace('.', '\\.')}$`, 'm'), entry);
});

test('Containerfile: a HEALTHCHECK on /healthz, and EXPOSE is the default PORT', () => {
  const health = all('HEALTHCHECK');
  assert.equal(health.length, 1);
  assert.match(health[0]!.rest, /\/healthz/);
  assert.match(health[0]!.rest, /--timeout=\d+s/);
  const port = loadConfig({}).port;
  assert.deepEqual(
    all('EXPOSE').map((i) => i.rest),
    [String(port)],
  );
  const envPort = all('ENV')
    .map((i) => /\bPORT=(\d+)/.exec(i.rest)?.[1])
    .find(Boolean);
  assert.ok(envPort === undefined || envPort === String(port), `ENV PORT=${envPort}`);
  assert.match(all('CMD').at(-1)!.rest, /dist\/src\/server\.js/);
  assert.doesNotMatch(all('CMD').at(-1)!.rest, /--demo/, 'no demo data in the image');
});

/** The first container engine that answers (`info` succeeds), or null. */
function runningEngine(): string | null {
  for (const engine of ['podman', 'docker']) {
    const r = spawnSync(engine, ['info'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return engine;
  }
  return null;
}

test('Containerfile: the image builds (where a container engine runs)', (t) => {
  const engine = runningEngine();
  if (!engine) {
    t.skip('no container engine runs on this machine (neither `podman info` nor `docker info` succeeds): the static checks above ran, the build did not');
    return;
  }
  const tag = `prisportal-test:${process.pid}`;
  const r = spawnSync(engine, ['build', '-f', 'Containerfile', '-t', tag, '.'], { cwd: projectRoot, encoding: 'utf8', timeout: 15 * 60_000 });
  assert.equal(r.status, 0, `${engine} build:\n${(r.stdout ?? '').slice(-3000)}${(r.stderr ?? '').slice(-3000)}`);
  const user = spawnSync(engine, ['image', 'inspect', '--format', '{{.Config.User}}', tag], { encoding: 'utf8' });
  assert.equal(user.stdout.trim(), 'node');
  spawnSync(engine, ['rmi', '-f', tag], { encoding: 'utf8' });
});
