/**
 * Fault 5: two app processes (`src/server.ts`) that share nothing but one PostgreSQL database:
 * each has its own DATA_DIR and ATTACHMENTS_DIR, and no folder is shared. Nominators upload
 * attachments (several MB, several chunks) through one process and download them through the
 * other, both ways, byte for byte; a file deleted through one process is gone on the other at
 * once; an idea-bank image added through one process is served by the other. No file is ever
 * written to either process's folders.
 *
 * 5b: an upgrade from the version that kept files on disk: two processes start at once on a
 * database whose files are still in the old (shared) folder; each file moves in exactly once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../../src/db/database.js';
import { editions, nominationAttachments, storedFiles } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { newStorageKey } from '../../src/platform/storage/store.js';
import type { EditionForForm } from '../../src/nominations/nomination.service.js';
import { buildNomination } from '../harness/factories.js';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import type { ServerProcess } from '../harness/server-process.js';
import { recordFigures } from './figures.js';
import { createDatabase, FetchAgent, freePort, openEdition, pool, startApp } from './lib.js';

const NOMINATORS = 12;
const FILE_BYTES = 3 * 1024 * 1024 + 12_345; // 13 chunks of 256 KB

/** A PDF the content checks accept: a header, random bytes, an end marker. */
function pdf(size: number): Buffer {
  const head = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(1024, 0x20)]);
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Posts a multipart form (token first, as the page's form does) with the agent's cookies. */
async function postFile(
  agent: FetchAgent,
  url: string,
  cookies: string[],
  fields: Record<string, string>,
  file: { field: string; name: string; type: string; data: Buffer },
) {
  const form = new FormData();
  form.append('_csrf', agent.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const cookie = cookies
    .map((name) => [name, agent.cookie(name)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  const res = await fetch(agent.base + url, { method: 'POST', body: form, redirect: 'manual', headers: { cookie }, signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res;
}

/** Downloads `url` through `base` with the agent's cookies; the body as bytes. */
async function download(agent: FetchAgent, base: string, url: string, cookies: string[]) {
  const cookie = cookies
    .map((name) => [name, agent.cookie(name)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  const res = await fetch(base + url, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(60_000) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under `dir` (there should be none: files live in the database). */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));

describe('fault 5: files with two processes and no shared folder', () => {
  let pgServer: PostgresServer;
  let url: string;
  let edition: EditionForForm;
  const bases: string[] = [];
  const procs: ServerProcess[] = [];
  const attachmentDirs: string[] = [];
  const dirs: string[] = [];

  before(async () => {
    pgServer = await startPostgresServer({ durable: true });
    url = await createDatabase(pgServer, 'files_two');
    const ports = [await freePort(), await freePort()];
    const started = await Promise.all(
      ports.map((port) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-files-data-'));
        const attachmentsDir = mkdtempSync(join(tmpdir(), 'prisportal-files-own-folder-'));
        dirs.push(dataDir, attachmentsDir);
        attachmentDirs.push(attachmentsDir);
        return startApp({ databaseUrl: url, port, dataDir, extra: { ATTACHMENTS_DIR: attachmentsDir } });
      }),
    );
    procs.push(...started);
    bases.push(...ports.map((p) => `http://127.0.0.1:${p}`));
    edition = await openEdition(url);
  });
  after(async () => {
    for (const p of procs) await p.stop();
    pgServer?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test(`${NOMINATORS} nominators upload ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB through one process and download it through the other`, {
    timeout: 300_000,
  }, async () => {
    const [a, b] = bases as [string, string];
    const start = `/priser/${edition.award.slug}/${edition.edition.year}/indstil/om-dig`;
    const outcomes = await pool(
      Array.from({ length: NOMINATORS }, (_, i) => async () => {
        // Even nominators upload through A and download through B; odd ones the other way round.
        const [up, down] = i % 2 === 0 ? [a, b] : [b, a];
        const agent = new FetchAgent(up, { 'x-forwarded-for': `2001:db8:5::${i + 1}` });
        await agent.get(start);
        const draft = await agent.post(start, {
          nominatorName: `Indstiller ${i}`,
          nominatorEmail: `filer${i}@eksempel.dk`,
          nominatorIsCitizen: 'no',
          nominatorWorkplace: 'Akutafdelingen',
          handling: 'fortsaet',
        });
        assert.equal(draft.status, 303, draft.body.slice(0, 300));
        const id = Number(/\/indstillinger\/(\d+)\//.exec(draft.headers.get('location')!)![1]);
        const cookies = ['_csrf', `indstilling_${id}`];
        await agent.get(`/indstillinger/${id}/bilag`);
        const data = pdf(FILE_BYTES);
        const sent = await postFile(agent, `/indstillinger/${id}/bilag`, cookies, {}, { field: 'fil', name: `bilag ${i}.pdf`, type: 'application/pdf', data });
        assert.equal(sent.status, 303, `upload ${i}`);
        const attachmentId = Number(/tilfoejet=(\d+)/.exec(sent.headers.get('location')!)![1]);
        const got = await download(agent, down, `/indstillinger/${id}/bilag/${attachmentId}`, cookies);
        assert.equal(got.status, 200, `download ${i} through the other process`);
        assert.equal(got.headers.get('content-length'), String(FILE_BYTES));
        assert.equal(got.headers.get('content-type'), 'application/pdf');
        assert.equal(sha(got.body), sha(data), `the same bytes (${i})`);
        // Deleted through the downloading process: gone on the uploading one at once.
        agent.base = down;
        await agent.get(`/indstillinger/${id}/bilag`);
        const removed = await agent.post(`/indstillinger/${id}/bilag/${attachmentId}/slet`, {});
        assert.equal(removed.status, 303);
        const gone = await download(agent, up, `/indstillinger/${id}/bilag/${attachmentId}`, cookies);
        assert.equal(gone.status, 404, `deleted on the other process (${i})`);
        return { bytes: got.body.length, same: sha(got.body) === sha(data) };
      }),
      4,
    );
    const lost = outcomes.filter((o) => !o.same).length;
    assert.equal(lost, 0);

    // An idea-bank image added through A is served by B.
    const admin = new FetchAgent(a, { 'x-forwarded-for': '2001:db8:5::ff' });
    await admin.get('/log-ind');
    assert.equal((await admin.post('/log-ind/demo', {})).status, 303);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let imageOk = false;
    try {
      // The demo administrator (signed in above) owns a demo solution for this test.
      const { rows } = await client.query<{ id: number }>(`select id from solutions order by id limit 1`);
      const solutionId = rows[0]!.id;
      await client.query(`update solutions set owner_user_id = (select id from users where email = 'demo.administrator@prisportal.local') where id = $1`, [
        solutionId,
      ]);
      await admin.get(`/idebank/loesninger/${solutionId}/rediger`);
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
      const added = await postFile(
        admin,
        `/idebank/loesninger/${solutionId}/billeder`,
        ['_csrf', 'session'],
        { alt: 'Et billede af løsningen' },
        { field: 'billede', name: 'x.png', type: 'image/png', data: png },
      );
      assert.equal(added.status, 303);
      assert.match(added.headers.get('location') ?? '', /billede=tilfoejet/);
      const img = await client.query<{ id: number }>(`select id from solution_images where solution_id = $1 order by id desc limit 1`, [solutionId]);
      const served = await fetch(`${b}/idebank/billeder/${img.rows[0]!.id}`);
      assert.equal(served.status, 200);
      assert.ok(Buffer.from(await served.arrayBuffer()).equals(png), 'the image through the other process');
      imageOk = true;
    } finally {
      await client.end();
    }

    for (const d of attachmentDirs) assert.deepEqual(filesUnder(d), [], `nothing written to ${d}`);
    recordFigures('files-two-processes', {
      nominators: NOMINATORS,
      bytesEach: FILE_BYTES,
      crossDownloads: outcomes.length,
      lost,
      imageAcrossProcesses: imageOk ? 'yes' : 'no',
      filesOnDisk: attachmentDirs.reduce((n, d) => n + filesUnder(d).length, 0),
    });
  });
});

describe('fault 5b: upgrading with files still on disk, two processes starting at once', () => {
  let pgServer: PostgresServer;
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const p of procs) await p.stop();
    pgServer?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('each file in the old folder moves into the database exactly once, and the folder is emptied', { timeout: 300_000 }, async () => {
    pgServer = await startPostgresServer({ durable: true });
    const url = await createDatabase(pgServer, 'files_upgrade');
    // The database as the previous version left it after this version's migrations: rows whose
    // files are marked on disk (what the migration lists), and the files in the shared folder.
    const oldFolder = mkdtempSync(join(tmpdir(), 'prisportal-old-attachments-'));
    dirs.push(oldFolder);
    const handle = await openPostgres(url, 2);
    const files: { key: string; data: Buffer }[] = [];
    try {
      await handle.migrate();
      await seedDemoData(handle.db, new Date());
      const [edition] = await handle.db.select({ id: editions.id }).from(editions).orderBy(asc(editions.id)).limit(1);
      for (let i = 0; i < 8; i++) {
        const n = await buildNomination(handle.db, { editionId: edition!.id });
        const data = randomBytes(100_000 + i * 150_000);
        const key = newStorageKey();
        await handle.db.insert(storedFiles).values({ key, sizeBytes: data.length, sha256: sha(data), onDisk: true });
        await handle.db.insert(nominationAttachments).values({
          nominationId: n.id,
          fileName: `gammel ${i}.pdf`,
          mediaType: 'application/pdf',
          sizeBytes: data.length,
          sha256: sha(data),
          storageKey: key,
        });
        mkdirSync(join(oldFolder, key.slice(0, 2)), { recursive: true });
        writeFileSync(join(oldFolder, key.slice(0, 2), key), data);
        files.push({ key, data });
      }
    } finally {
      await handle.close();
    }

    const ports = [await freePort(), await freePort()];
    const started = await Promise.all(
      ports.map((port) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-upgrade-data-'));
        dirs.push(dataDir);
        return startApp({ databaseUrl: url, port, dataDir, extra: { ATTACHMENTS_DIR: oldFolder, LOG_LEVEL: 'info' } });
      }),
    );
    procs.push(...started);
    const moved = started.map((p) => {
      const m = /"moved":(\d+)[^\n]*files moved from disk into the database/.exec(p.stdout());
      return m ? Number(m[1]) : 0;
    });
    assert.equal(
      moved.reduce((a, b) => a + b, 0),
      files.length,
      `moved once in all (${moved.join(' + ')})`,
    );

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const f of files) {
        const { rows } = await client.query<{ on_disk: boolean; served: string | null }>(
          `select f.on_disk, (select encode(sha256(string_agg(c.bytes, ''::bytea order by c.seq)), 'hex') from stored_file_chunks c where c.file_key = f.key) as served
             from stored_files f where f.key = $1`,
          [f.key],
        );
        assert.deepEqual(rows[0], { on_disk: false, served: sha(f.data) }, f.key);
      }
    } finally {
      await client.end();
    }
    assert.deepEqual(filesUnder(oldFolder), [], 'the old folder is emptied');
    recordFigures('files-upgrade-two-processes', { files: files.length, movedByEach: moved.join(' + '), leftOnDisk: filesUnder(oldFolder).length });
  });
});
