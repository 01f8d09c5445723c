/**
 * The upgrade to migration 0014 (the idea bank's derived counts and the rebuilt search table)
 * on a database that already holds solutions, on PGlite and on PostgreSQL: the database is
 * migrated to 0013 (the schema before), solutions are written there, then every migration is
 * applied; the search rows and every count must be what they would be made from scratch, and
 * searching, typo matching and similar solutions must work on them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { queryRows } from '../../src/db/database.js';
import { migrationsFolder } from '../../src/platform/paths.js';
import { searchSolutions, similarSolutions } from '../../src/ideabank/ideabank.service.js';
import { parseSearchQuery } from '../../src/ideabank/search-query.js';
import { ENGINES, openEmptyDatabase, type TestDatabase } from '../harness/databases.js';
import { derivedCountsOutOfStep } from '../harness/idea-bank.js';

/** A copy of the migrations folder that ends with migration `last`. */
function migrationsUpTo(last: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

for (const engine of ENGINES) {
  describe(`the idea bank's upgrade to migration 0014 on ${engine}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await openEmptyDatabase(engine);
      const folder = migrationsUpTo(13);
      if (engine === 'pglite') await migratePglite(db.db as never, { migrationsFolder: folder });
      else await migratePg(db.db as never, { migrationsFolder: folder });
    });
    after(async () => db?.close());

    test('the solutions already there get their search rows and exact counts', async () => {
      const at = new Date('2026-11-20T12:00:00Z');
      // Written as SQL with the columns of migration 0013: the schema of today has more.
      const before: [string, string, string, string, number, string, string[]][] = [
        ['Sygeplejerskeklinikken på Ærø', 'En klinik på øen.', 'Region Syddanmark', 'Ærø Sygehus', 2019, 'spread', ['nærhed', 'telemedicin']],
        ['Fodsårsklinik med telemedicin', 'Sår vurderes på video.', 'Region Midtjylland', 'Regionshospitalet Gødstrup', 2021, 'tested', ['telemedicin']],
        ['Tryghedskassen', 'Medicin i eget hjem.', 'Region Midtjylland', 'Hospice', 2021, 'idea', []],
      ];
      for (const [title, summary, organisationName, unitName, year, status, tags] of before) {
        await db.db.execute(
          sql`insert into solutions (title, summary, organisation_name, unit_name, year, status, tags, created_at)
              values (${title}, ${summary}, ${organisationName}, ${unitName}, ${year}, ${status}, ${JSON.stringify(tags)}::jsonb, ${at.toISOString()}::timestamptz)`,
        );
      }
      await db.migrate();

      assert.deepEqual(await derivedCountsOutOfStep(db.db), []);
      const [rows] = await queryRows<{ n: number }>(
        db.db,
        sql`select count(*)::int as n from solutions s join solution_search ss on ss.solution_id = s.id and ss.search_vector = s.search_vector and ss.title_lower = lower(s.title)
          join solution_facet_counts o on o.key = ss.organisation_key and o.value = s.organisation_name
          join solution_facet_counts t on t.key = ss.tag_list_key and t.value = s.tags::text`,
      );
      assert.equal(rows!.n, 3);

      const all = await searchSolutions(db.db, parseSearchQuery({}).query);
      assert.equal(all.total, 3);
      assert.deepEqual(
        all.facets.organisation.map((v) => [v.value, v.count]),
        [
          ['Region Midtjylland', 2],
          ['Region Syddanmark', 1],
        ],
      );
      const klinik = await searchSolutions(db.db, parseSearchQuery({ q: 'klinik' }).query);
      assert.equal(klinik.total, 2);
      assert.deepEqual(
        klinik.facets.tag.map((v) => [v.value, v.count]),
        [
          ['telemedicin', 2],
          ['nærhed', 1],
        ],
      );
      const typo = await searchSolutions(db.db, parseSearchQuery({ q: 'tryhedskassen' }).query);
      assert.deepEqual(
        typo.hits.map((h) => h.title),
        ['Tryghedskassen'],
      );
      assert.equal((await similarSolutions(db.db, 'klinik på Ærø'))[0]?.title, 'Sygeplejerskeklinikken på Ærø');
    });
  });
}
