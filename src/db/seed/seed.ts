import { and, eq, gt, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../database.js';
import { awards, committeeSeats, criteria, editions, formSections, organisations } from '../schema.js';
import { demoOrganisations, type SeedEdition } from './demo-data.js';
import { seedDemoSolutions } from '../../ideabank/index.js';

/**
 * Writes the demo data. Idempotent: rows are found by their natural keys (slug; award and
 * year) and left alone when they exist, so an administrator's later edits survive a restart.
 * Returns how many editions it created.
 */
export async function seedDemoData(db: Database, now: Date): Promise<{ editionsCreated: number }> {
  let editionsCreated = 0;
  await inTransaction(db, async (tx) => {
    for (const org of demoOrganisations(now)) {
      await tx
        .insert(organisations)
        .values({
          slug: org.slug,
          name: org.name,
          websiteUrl: org.websiteUrl ?? null,
          contactEmail: org.contactEmail ?? null,
          contactPhone: org.contactPhone ?? null,
          privacyUrl: org.privacyUrl ?? null,
          brandColour: org.brandColour ?? null,
          markLetters: org.markLetters ?? null,
        })
        .onConflictDoNothing({ target: organisations.slug });
      const [orgRow] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, org.slug));
      for (const award of org.awards) {
        await tx
          .insert(awards)
          .values({
            organisationId: orgRow!.id,
            slug: award.slug,
            name: award.name,
            summary: award.summary,
            description: award.description,
            establishedYear: award.establishedYear,
            eligibility: award.eligibility ?? null,
            contactName: award.contact?.name ?? null,
            contactTitle: award.contact?.title ?? null,
            contactUnit: award.contact?.unit ?? null,
            contactPhone: award.contact?.phone ?? null,
            contactEmail: award.contact?.email ?? null,
          })
          .onConflictDoNothing({ target: awards.slug });
        const [awardRow] = await tx.select({ id: awards.id }).from(awards).where(eq(awards.slug, award.slug));
        const awardId = awardRow!.id;
        const toSeed = [...award.editions];
        if (award.demoOpenEdition) {
          const current = await tx
            .select({ id: editions.id })
            .from(editions)
            .where(and(eq(editions.awardId, awardId), gt(editions.closesAt, now)))
            .limit(1);
          if (current.length === 0) toSeed.push(award.demoOpenEdition);
        }
        for (const edition of toSeed) {
          if (await insertEdition(tx, awardId, edition)) editionsCreated++;
        }
      }
    }
  });
  await seedDemoSolutions(db, now);
  return { editionsCreated };
}

/** Inserts an edition with its criteria, form and committee; false when the year already exists. */
async function insertEdition(db: Database, awardId: number, e: SeedEdition): Promise<boolean> {
  const inserted = await db
    .insert(editions)
    .values({
      awardId,
      year: e.year,
      theme: e.theme ?? null,
      themeDescription: e.themeDescription ?? null,
      opensAt: e.timeline?.opensAt ?? null,
      closesAt: e.timeline?.closesAt ?? null,
      reviewStartsAt: e.timeline?.reviewStartsAt ?? null,
      nomineesPublishedAt: e.timeline?.nomineesPublishedAt ?? null,
      votingOpensAt: e.timeline?.votingOpensAt ?? null,
      votingClosesAt: e.timeline?.votingClosesAt ?? null,
      winnerAnnouncedAt: e.timeline?.winnerAnnouncedAt ?? null,
      eventName: e.eventName ?? null,
      eventPlace: e.eventPlace ?? null,
      nomineeCountMin: e.nomineeCountMin ?? null,
      nomineeCountMax: e.nomineeCountMax ?? null,
      prizeAmountKr: e.prizeAmountKr ?? null,
      prizePurpose: e.prizePurpose ?? null,
      prizeExtras: e.prizeExtras ?? null,
      prizeNotCash: e.prizeNotCash ?? false,
      hasPatientPanel: e.hasPatientPanel ?? false,
      // The demo's rounds are public, as the real ones they copy were.
      publishedAt: sql`now()`,
      asksOrigin: e.asksOrigin ?? false,
    })
    .onConflictDoNothing({ target: [editions.awardId, editions.year] })
    .returning({ id: editions.id });
  const editionId = inserted[0]?.id;
  if (editionId === undefined) return false;
  if (e.criteria?.length) {
    await db.insert(criteria).values(e.criteria.map((c, i) => ({ editionId, position: i + 1, ...c })));
  }
  if (e.formSections?.length) {
    await db
      .insert(formSections)
      .values(
        e.formSections.map((s, i) => ({ editionId, position: i + 1, heading: s.heading, help: s.help, wordLimit: s.wordLimit, required: s.required ?? true })),
      );
  }
  if (e.committee?.length) {
    await db.insert(committeeSeats).values(
      e.committee.map((m, i) => ({
        editionId,
        position: i + 1,
        name: m.name ?? null,
        partyLetter: m.partyLetter ?? null,
        represents: m.represents ?? null,
        isChair: m.isChair ?? false,
      })),
    );
  }
  return true;
}
