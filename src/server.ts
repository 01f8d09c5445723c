import { pino } from 'pino';
import { requestSerializer } from './platform/log-redaction.js';
import { buildApp } from './app.js';
import { isProductionLike, loadConfigOrExit } from './config.js';
import { assertUtf8, DatabaseUnavailableError, openDatabase, type Database } from './db/database.js';
import { seedDemoData } from './db/seed/seed.js';
import { seedDemoJudgedRound } from './db/seed/demo-round.js';
import { missingOidcSecrets, seedDemoAdministrator } from './accounts/index.js';
import { systemClock } from './platform/clock.js';
import { join } from 'node:path';
import { createFileTransport, createSmtpTransport, type MailTransport, startMailWorker } from './mail/index.js';
import { startScheduledJobs } from './platform/scheduled-jobs.js';
import { enqueueDuePublicationNotices } from './publication/index.js';
import { enqueueDueReviewReminders, enqueueScoringOpens } from './judging/index.js';
import { enqueueVotingOpens } from './panel/index.js';
import { anonymiseExpiredPersonalData } from './privacy/index.js';
import { enqueueDueDraftReminders, enqueueOpeningNotices } from './outreach/index.js';
import { moveDiskFilesIntoDatabase } from './platform/storage/file-store.js';
import { gatherFacts, productionFindings } from './doctor.js';

/** Start-up only: config, database, migrations, demo data, listen. */
async function main() {
  const config = loadConfigOrExit();
  const logger = pino({
    level: config.logLevel,
    base: { service: 'prisportal' },
    serializers: { req: requestSerializer as never },
    // Cookies carry private tokens and CSRF secrets: never log them.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });

  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await assertUtf8(handle.db);
    await handle.migrate();
  } catch (err) {
    const message = err instanceof DatabaseUnavailableError || err instanceof Error ? err.message : String(err);
    logger.fatal({ err }, 'database not usable');
    console.error(`Prisportal cannot start: ${message}`);
    process.exit(1);
  }
  logger.info({ engine: handle.engine, dataDir: handle.engine === 'pglite' ? config.dataDir : undefined }, 'database ready');

  // Files uploaded by a version that kept them in ATTACHMENTS_DIR move into the database once
  // (safe twice, and from several processes starting at once). Nothing to do on a new install.
  try {
    const move = await moveDiskFilesIntoDatabase(handle.db, config.attachmentsDir, systemClock.now());
    if (move.moved > 0) logger.info({ moved: move.moved, from: config.attachmentsDir }, 'files moved from disk into the database');
    if (move.missing.length > 0 || move.damaged.length > 0)
      logger.error(
        { missing: move.missing, damaged: move.damaged, dir: config.attachmentsDir },
        'files not moved into the database: missing or different on disk; put them back and restart (their downloads are 404 until then)',
      );
  } catch (err) {
    logger.fatal({ err }, 'moving files from disk into the database failed');
    console.error(`Prisportal cannot start: moving files from ${config.attachmentsDir} into the database failed: ${(err as Error).message}`);
    await handle.close().catch(() => {});
    process.exit(1);
  }

  // The OpenID Connect client secrets live in the environment under names kept in the database.
  const missingSecrets = await missingOidcSecrets(handle.db);
  if (missingSecrets.length > 0) {
    const line = `Missing OpenID Connect client secret for ${missingSecrets.join(', ')}: set the environment variable, or disable the provider`;
    if (isProductionLike(config)) {
      console.error(`Prisportal cannot start: ${line}`);
      await handle.close().catch(() => {});
      process.exit(2);
    }
    logger.warn({ providers: missingSecrets }, 'oidc client secret missing: sign-in with these providers shows "not set up"');
  }

  if (config.seedDemo) {
    const { editionsCreated } = await seedDemoData(handle.db, systemClock.now());
    // A finished, fictional round (nominees, scores, winner) to try the archive and the committee's pages.
    await seedDemoJudgedRound(handle.db, systemClock.now());
    if (config.demoSignIn) await seedDemoAdministrator(handle.db);
    logger.info({ editionsCreated }, 'demo data seeded');
  }

  // E-mail: the outbox worker sends over SMTP_URL, or writes .eml files here when it is not set.
  const mailDir = join(config.dataDir, 'outbox');
  // The address in e-mails and feeds; behind a proxy PUBLIC_BASE_URL says what the world sees.
  const publicBaseUrl = config.publicBaseUrl ?? `http://localhost:${config.port}`;
  const app = await buildApp({
    db: handle.db,
    clock: systemClock,
    logger,
    trustProxy: config.trustProxy,
    publicBaseUrl,
    demoSignIn: config.demoSignIn,
    ballotKey: config.ballotKey,
    retentionYears: config.retentionYears,
    componentPage: config.env !== 'production',
    ...(config.smtpUrl ? {} : { mailDir }),
  });

  let mail: { worker: { stop(): Promise<void> }; transport: MailTransport } | undefined;
  let scheduled: { stop(): Promise<void> } | undefined;
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await scheduled?.stop().catch(() => {});
    await mail?.worker.stop().catch(() => {});
    mail?.transport.close?.();
    await app.close().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  logger.info(`Prisportal is running at http://localhost:${config.port}`);

  // The production check (`npm run doctor`) once at start, in the background so a slow SMTP
  // relay or identity provider does not delay serving: each finding one log line, by name.
  if (isProductionLike(config)) {
    gatherFacts(config, process.env, { db: handle.db })
      .then((facts) => {
        const findings = productionFindings(facts);
        for (const f of findings) logger[f.severity === 'error' ? 'error' : 'warn']({ finding: f.id }, `production check: ${f.message}`);
        logger.info(
          { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length },
          'production check done',
        );
      })
      .catch((err) => logger.warn({ err }, 'production check failed'));
  }

  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : createFileTransport(mailDir);
  if (!config.smtpUrl) {
    (config.env === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger))(
      { mailDir },
      'SMTP_URL is not set: e-mail is written as .eml files, not sent',
    );
  }
  const worker = startMailWorker({ db: handle.db, transport, clock: systemClock, logger: logger.child({ module: 'mail' }), from: config.mailFrom });
  mail = { worker, transport };

  // Scheduled jobs (every process runs them; each claims its work in the database, so nothing is done twice).
  scheduled = startScheduledJobs({
    db: handle.db,
    clock: systemClock,
    logger: logger.child({ module: 'jobs' }),
    jobs: [
      { name: 'publication-notices', run: ({ db, now }) => enqueueDuePublicationNotices({ db, now, publicBaseUrl }) },
      { name: 'review-reminders', run: ({ db, now }) => enqueueDueReviewReminders({ db, now, publicBaseUrl }) },
      { name: 'draft-reminders', run: ({ db, now }) => enqueueDueDraftReminders({ db, now, publicBaseUrl }) },
      { name: 'opening-notices', run: ({ db, now }) => enqueueOpeningNotices({ db, now, links: { publicBaseUrl, secret: config.ballotKey } }) },
      { name: 'scoring-opens', run: ({ db, now }) => enqueueScoringOpens({ db, now, publicBaseUrl }) },
      { name: 'voting-opens', run: ({ db, now }) => enqueueVotingOpens({ db, now, publicBaseUrl }) },
      {
        name: 'retention',
        run: everyHours(6, ({ db, now }) => anonymiseExpiredPersonalData({ db, now, retentionYears: config.retentionYears })),
      },
    ],
  });
}

main().catch((err) => {
  console.error('Prisportal cannot start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * A job that does its work at most once every `hours` in this process (the first tick runs
 * it). For work that is idempotent and not urgent, such as retention: another process may
 * run it too, and that does no harm.
 */
function everyHours(hours: number, run: (args: { db: Database; now: Date }) => Promise<unknown>) {
  let last = -Infinity;
  return async (args: { db: Database; now: Date }) => {
    if (args.now.getTime() - last < hours * 3600 * 1000) return null;
    const result = await run(args);
    last = args.now.getTime();
    return result;
  };
}
