/**
 * `npm run retention`: runs the retention job once (anonymiseExpiredPersonalData) with the
 * app's configuration (DATABASE_URL or the embedded database in DATA_DIR, RETENTION_YEARS)
 * and prints what it did as one JSON line. On the embedded database, stop
 * the app first: one process at a time may open a PGlite folder.
 */
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from '../db/database.js';
import { systemClock } from '../platform/clock.js';
import { anonymiseExpiredPersonalData } from './retention.service.js';

async function main() {
  const config = loadConfigOrExit();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await handle.migrate();
    const result = await anonymiseExpiredPersonalData({
      db: handle.db,
      now: systemClock.now(),
      retentionYears: config.retentionYears,
    });
    console.log(JSON.stringify({ msg: 'retention run', retentionYears: config.retentionYears, ...result }));
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error('retention failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
