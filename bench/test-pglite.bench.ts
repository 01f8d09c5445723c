/**
 * `npx tsx bench/test-pglite.bench.ts [rounds]`: the CPU one test's PGlite costs to start, as
 * `npm test` makes it (test/harness/databases.ts: the seeded template's bytes read once, 16 MB
 * of shared buffers, no template0/template1), against the ceiling of the same database made the
 * way the harness did before issue 12 (a `Blob` of a dump that still holds template0/template1,
 * initdb's 128 MB of shared buffers). Both are started, queried once and closed in turns in one
 * process; the figure is the median CPU time (user + system) per instance, and the ratio.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgliteHandle } from '../src/db/database.js';
import { createPgliteTemplates, openSeededTestDatabase, SEEDED_AT } from '../test/harness/databases.js';

const rounds = Number(process.argv[2]) || 6;
const dir = mkdtempSync(join(tmpdir(), 'prisportal-bench-pglite-'));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  // The templates as npm test makes them.
  const template = join(dir, 'template.tar');
  const seeded = join(dir, 'seeded.tar');
  await createPgliteTemplates(template, seeded);
  process.env.TEST_PGLITE_TEMPLATE = template;
  process.env.TEST_PGLITE_SEEDED_TEMPLATE = seeded;

  // The ceiling: a migrated database with template0/template1 kept (not seeded, so a little
  // smaller than the seeded one timed against it), loaded as before.
  const old = await PGlite.create({ extensions: { pg_trgm } });
  await pgliteHandle(old).migrate();
  const withTemplates = new Uint8Array(await (await old.dumpDataDir('none')).arrayBuffer());
  await old.close();

  const now: number[] = [];
  const then: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    let c0 = cpuMs();
    const db = await openSeededTestDatabase('pglite', SEEDED_AT);
    await db.close();
    if (i > 0) now.push(cpuMs() - c0); // the first of each warms up the process
    c0 = cpuMs();
    const p = await PGlite.create({ loadDataDir: new Blob([withTemplates]), extensions: { pg_trgm } });
    await p.query('select count(*) from pg_class');
    await p.close();
    if (i > 0) then.push(cpuMs() - c0);
  }
  const a = median(now);
  const b = median(then);
  console.log(`seeded test database (${(readFileSync(seeded).length / 1e6).toFixed(0)} MB dump): ${a.toFixed(0)} ms CPU per instance`);
  console.log(
    `ceiling, as before issue 12 (${(withTemplates.length / 1e6).toFixed(0)} MB dump with template0/template1, Blob, 128 MB shared buffers): ${b.toFixed(0)} ms`,
  );
  console.log(`ratio ${(a / b).toFixed(2)} (median of ${rounds}, node ${process.version})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
