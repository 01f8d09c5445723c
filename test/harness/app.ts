import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Engine } from '../../src/db/database.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

/** An app on a fresh database of the given engine, seeded with the demo data, at a fixed instant. */
export async function startTestApp(engine: Engine, at: Date | string = '2026-11-24T12:00:00Z') {
  const database: TestDatabase = await openTestDatabase(engine);
  const clock = fixedClock(at);
  await seedDemoData(database.db, clock.now());
  const app: FastifyInstance = await buildApp({ db: database.db, clock, pageCacheMs: 0, publicBaseUrl: 'http://prisportal.test', componentPage: true });
  return {
    app,
    clock,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
