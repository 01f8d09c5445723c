import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Engine } from '../../src/db/database.js';
import { fixedClock } from '../../src/platform/clock.js';
import { openSeededTestDatabase, SEEDED_AT, type TestDatabase } from './databases.js';

/** An app on a fresh database of the given engine, seeded with the demo data, at a fixed instant. */
export async function startTestApp(engine: Engine, at: Date | string = SEEDED_AT) {
  const clock = fixedClock(at);
  const database: TestDatabase = await openSeededTestDatabase(engine, clock.now());
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
