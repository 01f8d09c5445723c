import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { nominations } from '../../src/db/schema.js';
import { projectRoot } from '../../src/platform/paths.js';
import { startTestApp } from '../harness/app.js';

/**
 * The API as an intranet team meets it: the OpenAPI document fetched from a running app,
 * linted with Redocly's recommended rules, turned into TypeScript types by openapi-typescript,
 * and the example client (docs/examples/api-client.ts) compiled with them and run against
 * the app. The document is the same on both engines, so this runs on PostgreSQL only.
 */

/**
 * Warnings of the recommended rules that are accepted, each for its reason. Anything else,
 * and every error, fails the test.
 */
const ACCEPTED_WARNINGS: Record<string, { pointers: string[]; why: string }> = {
  'info-license': {
    pointers: ['#/info'],
    why: 'Prisportal is not published under a licence; the API serves the organisations that run it, so the document names none rather than a made-up one.',
  },
  'operation-4xx-response': {
    pointers: ['#/paths/~1api~1v1~1awards/get/responses'],
    why: 'GET /api/v1/awards takes no parameters and needs no token: there is no 4xx answer to declare (its 5xx, 503 while the database is down, is declared by no route).',
  },
};

const node = process.execPath;
const bin = (pkg: string, file: string) => join(projectRoot, 'node_modules', pkg, file);

function run(args: string[], cwd: string) {
  // Redocly would report usage and look for updates over the network; this machine has none to spare.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const r = spawnSync(node, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

describe('the API as integrators meet it (OpenAPI document, Redocly lint, generated types, a typed client)', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let base: string;
  let dir: string;

  before(async () => {
    t = await startTestApp('postgres');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // Under the project, so the compiled client resolves @types/node from its node_modules.
    mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, '.tmp', 'api-client-'));
    const res = await fetch(`${base}/api/v1/openapi.json`);
    assert.equal(res.status, 200);
    writeFileSync(join(dir, 'openapi.json'), await res.text());
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  test('every operation has a unique operationId, and declares its security (none for the public ones)', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, ...op })));
    assert.ok(ops.length >= 30, `${ops.length} operations`);
    const ids = ops.map((o) => o.operationId);
    assert.deepEqual(
      ops.filter((o) => !o.operationId).map((o) => `${o.method} ${o.path}`),
      [],
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const o of ops) {
      assert.ok(Array.isArray(o.security), `${o.method} ${o.path} declares security`);
      assert.equal(o.security.length === 0, !o.path.startsWith('/api/v1/admin/'), `${o.method} ${o.path}: public routes need none, admin routes a token`);
    }
    // Named after the domain, and stable: integrators' generated clients call these names.
    for (const name of ['listAwards', 'getEdition', 'createNomination', 'searchSolutions', 'getSolution']) assert.ok(ids.includes(name), name);
  });

  test("Redocly CLI's recommended rules find no error (and only the accepted warnings)", () => {
    const r = run([bin('@redocly/cli', 'bin/cli.js'), 'lint', '--extends=recommended', '--format=json', 'openapi.json'], dir);
    const report = JSON.parse(r.out) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
      [],
    );
    const unexpected = report.problems.filter(
      (p) => p.severity !== 'error' && !p.location.every((l) => ACCEPTED_WARNINGS[p.ruleId]?.pointers.includes(l.pointer ?? '')),
    );
    assert.deepEqual(
      unexpected.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
      [],
    );
    assert.equal(report.totals.errors, 0);
    assert.equal(r.code, 0, r.err);
  });

  test('types generated by openapi-typescript compile with the example client, which reads an open round and sends a nomination', async () => {
    const gen = run([bin('openapi-typescript', 'bin/cli.js'), 'openapi.json', '--output', 'prisportal-api.d.ts'], dir);
    assert.equal(gen.code, 0, gen.err + gen.out);
    copyFileSync(join(projectRoot, 'docs', 'examples', 'api-client.ts'), join(dir, 'api-client.ts'));
    const tsc = run(
      [
        bin('typescript', 'bin/tsc'),
        '--strict',
        '--noUncheckedIndexedAccess',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        '--skipLibCheck',
        '--outDir',
        'out',
        'api-client.ts',
      ],
      dir,
    );
    assert.equal(tsc.code, 0, `tsc:\n${tsc.out}${tsc.err}`);

    // A separate process against the app over HTTP, as an integrator's would be (asynchronous:
    // this process serves the app meanwhile).
    const client = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(node, [join(dir, 'out', 'api-client.js'), base], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr }),
      );
    });
    assert.equal(client.code, 0, client.err);
    const receipt = JSON.parse(client.out.trim()) as { receiptNumber: string; status: string; editionId: number };
    assert.equal(receipt.status, 'sent');
    const [row] = await t.database.db.select().from(nominations).where(eq(nominations.receiptNumber, receipt.receiptNumber));
    assert.ok(row, 'the nomination is in the database');
    assert.equal(row.editionId, receipt.editionId);
    assert.equal(row.status, 'sent');
  });
});
