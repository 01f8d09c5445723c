import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { type Database, inTransaction } from '../database.js';
import {
  awards,
  criteria,
  editionMembers,
  editions,
  formSections,
  nominations,
  receiptCounters,
  reviewScores,
  reviews,
  users,
  winnerDecisions,
} from '../schema.js';
import { createNextYearEdition } from '../../awards/index.js';
import { writeShortlist } from '../../judging/index.js';
import { addNominationToIdeaBank } from '../../ideabank/index.js';

/**
 * A finished demo round for `npm start`: Initiativprisen 2025, copied from the 2024 round
 * ("Opret næste års runde"), with eight nominations, five committee members' scores, the
 * chair's five nominees and the committee's winner — so the archive, the public edition page,
 * the committee's overview and the exports can be tried at once.
 *
 * Everything in it is FICTIONAL and says so: the source texts name no 2025 nominees, so the
 * titles, units and people below were written for the demo (names end in "(demo)", e-mail
 * addresses are @prisportal.invalid). Not part of the test harness's demo data, so tests
 * that count editions or nominations are not affected. Idempotent: nothing happens when the
 * 2025 round exists, or when its winner would not be announced yet at `now`.
 */
export async function seedDemoJudgedRound(db: Database, now: Date): Promise<{ created: boolean }> {
  const [award] = await db.select({ id: awards.id }).from(awards).where(eq(awards.slug, 'initiativprisen'));
  if (!award) return { created: false };
  const byYear = async (year: number) =>
    (
      await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, award.id), eq(editions.year, year)))
    )[0];
  const source = await byYear(2024);
  if (!source || (await byYear(2025))) return { created: false };
  // The copy moves every date one year on; only a round that is over by now makes sense.
  if (!source.winnerAnnouncedAt || source.winnerAnnouncedAt.getTime() + 366 * 24 * 3600 * 1000 > now.getTime()) return { created: false };

  return inTransaction(db, async (tx) => {
    const copied = await createNextYearEdition({ db: tx, actor: 'system', editionId: source.id, now });
    if (!copied.ok) return { created: false };
    const edition = copied.edition;
    // Next year's round starts as a draft without a theme; the demo's is public, with last year's theme.
    await tx
      .update(editions)
      .set({ eventName: 'Innovationsdagen 2025 (demo)', theme: source.theme, themeDescription: source.themeDescription, publishedAt: now })
      .where(eq(editions.id, edition.id));
    const crit = await tx.select().from(criteria).where(eq(criteria.editionId, edition.id)).orderBy(asc(criteria.position));
    const sections = await tx.select().from(formSections).where(eq(formSections.editionId, edition.id)).orderBy(asc(formSections.position));
    const sentAt = new Date(edition.closesAt!.getTime() - 5 * 24 * 3600 * 1000);

    const ids: number[] = [];
    for (const [i, n] of DEMO_NOMINATIONS.entries()) {
      const answers = Object.fromEntries(sections.map((s, k) => [String(s.id), k === 0 ? n.description : `${n.summary} (Demo-tekst under "${s.heading}".)`]));
      const [row] = await tx
        .insert(nominations)
        .values({
          editionId: edition.id,
          status: 'sent',
          receiptNumber: `INI-2025-${String(i + 1).padStart(4, '0')}`,
          accessTokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
          nomineeKind: 'team',
          nomineeNames: n.team,
          nomineeUnit: n.unit,
          nomineeOrganisation: 'Region Midtjylland',
          nomineeEmail: `team${i + 1}@prisportal.invalid`,
          nominatorName: `Indstiller ${i + 1} (demo)`,
          nominatorEmail: `indstiller${i + 1}@prisportal.invalid`,
          nominatorWorkplace: n.unit,
          nominatorIsCitizen: 'no',
          title: n.title,
          summary: n.summary,
          criterionIds: crit.map((c) => c.id),
          answers,
          nomineeConsent: 'accepted',
          nomineeConsentAt: sentAt,
          screening: 'eligible',
          screenedAt: edition.closesAt,
          createdAt: sentAt,
          updatedAt: sentAt,
          firstSentAt: sentAt,
          sentAt,
          sentVersion: 1,
        })
        .returning({ id: nominations.id });
      ids.push(row!.id);
    }
    await tx.insert(receiptCounters).values({ editionId: edition.id, lastNumber: DEMO_NOMINATIONS.length }).onConflictDoNothing();

    // Five committee members (the first chairs); each scores every nomination on every criterion.
    const memberIds: number[] = [];
    let chairUserId: number | null = null;
    for (let m = 0; m < 5; m++) {
      const email = `komite${m + 1}@prisportal.invalid`;
      await tx
        .insert(users)
        .values({ email, name: `Komitémedlem ${m + 1} (demo)` })
        .onConflictDoNothing();
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      const [member] = await tx
        .insert(editionMembers)
        .values({ editionId: edition.id, userId: user!.id, role: 'committee', isChair: m === 0, partyLetter: 'ABCFV'[m]!, invitedAt: edition.closesAt! })
        .returning({ id: editionMembers.id });
      memberIds.push(member!.id);
      if (m === 0) chairUserId = user!.id;
    }
    const reviewedAt = new Date(edition.closesAt!.getTime() + 14 * 24 * 3600 * 1000);
    const totals = new Map<number, number>();
    for (const [mi, memberId] of memberIds.entries()) {
      for (const [ni, nominationId] of ids.entries()) {
        const [review] = await tx
          .insert(reviews)
          .values({
            memberId,
            nominationId,
            comment: ni % 3 === mi % 3 ? 'Et stærkt eksempel på en løsning, andre kan lære af.' : '',
            createdAt: reviewedAt,
            updatedAt: reviewedAt,
          })
          .returning({ id: reviews.id });
        const scores = crit.map((c, ci) => ({ reviewId: review!.id, criterionId: c.id, score: demoScore(DEMO_NOMINATIONS[ni]!.strength, mi, ci) }));
        await tx.insert(reviewScores).values(scores);
        totals.set(nominationId, (totals.get(nominationId) ?? 0) + scores.reduce((a, s) => a + s.score, 0));
      }
    }

    // The chair's five nominees (the highest totals) and the committee's winner.
    const ranked = [...ids].sort((a, b) => totals.get(b)! - totals.get(a)! || a - b);
    const nominees = ranked.slice(0, edition.nomineeCountMax ?? 5);
    const decidedAt = edition.reviewClosesAt ?? new Date(edition.nomineesPublishedAt!.getTime() - 7 * 24 * 3600 * 1000);
    await writeShortlist(tx, edition.id, nominees, chairUserId, decidedAt);
    await tx.insert(winnerDecisions).values({ editionId: edition.id, nominationId: nominees[0]!, basis: 'committee', decidedByUserId: chairUserId, decidedAt });
    // The winner goes into the idea bank, as an administrator does from the nomination's page
    // (ideabank's addNominationToIdeaBank), so the winner's page links to it.
    const banked = await addNominationToIdeaBank({ db: tx, actor: 'system', nominationId: nominees[0]!, target: 'new', now });
    if (!banked.ok) throw new Error(`the demo winner could not enter the idea bank: ${banked.reason}`);
    return { created: true };
  });
}

/** A score on the 1–5 scale: the nomination's strength, a member's leniency and a little spread per criterion. */
function demoScore(strength: number, member: number, criterion: number): number {
  const leniency = [0, 1, -1, 0, 1][member]!;
  const wobble = ((member * 7 + criterion * 3) % 3) - 1;
  return Math.min(5, Math.max(1, Math.round(strength + leniency * 0.6 + wobble * 0.5)));
}

const DEMO_NOMINATIONS: { title: string; summary: string; description: string; team: string; unit: string; strength: number }[] = [
  {
    title: 'Hjem med hjertet – opfølgning på video efter hjerteoperation (demo)',
    summary: 'Sygeplejersker følger op på video de første uger efter udskrivelsen, så patienter og pårørende får svar med det samme.',
    description:
      'Efter en hjerteoperation har mange spørgsmål, når de kommer hjem. Vi ringer op på video tre gange de første fire uger og har en fast tid, hvor pårørende kan være med. Færre bliver genindlagt, og patienterne siger, at de føler sig trygge.',
    team: 'Videoteamet (demo)',
    unit: 'Hjerte-, Lunge- og Karkirurgi, Aarhus Universitetshospital',
    strength: 4.6,
  },
  {
    title: 'Pårørendekufferten i akutmodtagelsen (demo)',
    summary: 'En kuffert med opladere, toiletsager og en enkel guide gør ventetiden lettere for pårørende, der kommer akut.',
    description:
      'Pårørende kommer ofte med kort varsel og uden det mest nødvendige. Kufferten står ved skranken og bliver fyldt op af frivillige. Guiden forklarer på almindeligt dansk, hvad der sker i løbet af de første timer.',
    team: 'Akutteamet (demo)',
    unit: 'Akutafdelingen, Regionshospitalet Randers',
    strength: 4.1,
  },
  {
    title: 'Søvnro på sengeafsnittet (demo)',
    summary: 'Færre forstyrrelser om natten: målinger samles, lyset dæmpes, og patienten vælger selv vækketid.',
    description:
      'Vi har samlet de natlige målinger i to runder, dæmpet lyset og indført en lille seddel, hvor patienten skriver, hvornår de helst vil vækkes. Patienterne sover bedre, og personalet oplever roligere nætter.',
    team: 'Natholdet (demo)',
    unit: 'Medicinsk Afdeling, Regionshospitalet Gødstrup',
    strength: 3.9,
  },
  {
    title: 'Genoptræning med spil for børn (demo)',
    summary: 'Et tablet-spil, hvor barnets øvelser styrer figurerne, gør genoptræning efter brud sjovere.',
    description:
      'Børn træner mere, når det er sjovt. Sammen med en lokal spiludvikler har vi lavet et spil, hvor øvelserne styrer figurerne. Forældrene kan følge med derhjemme, og terapeuten kan justere sværhedsgraden.',
    team: 'Børneterapien (demo)',
    unit: 'Børn og Unge, Aarhus Universitetshospital',
    strength: 3.7,
  },
  {
    title: 'Fælles medicinliste med egen læge (demo)',
    summary: 'Ved udskrivelsen gennemgår farmaceut og patient medicinlisten, som sendes direkte til egen læge.',
    description:
      'Fejl i medicinen opstår tit ved overgangen fra hospital til hjem. En farmaceut gennemgår listen med patienten før udskrivelsen og sender den til egen læge samme dag.',
    team: 'Farmaceutteamet (demo)',
    unit: 'Hospitalsenhed Midt',
    strength: 3.5,
  },
  {
    title: 'Ungepanelet i psykiatrien (demo)',
    summary: 'Unge patienter rådgiver afdelingen om alt fra indretning til informationsmateriale.',
    description: 'Et panel af unge mødes hver måned med ledelsen. De har blandt andet omskrevet velkomstbrevet og været med til at indrette fællesrummet.',
    team: 'Ungepanelet (demo)',
    unit: 'Psykiatrien i Region Midtjylland',
    strength: 3.3,
  },
  {
    title: 'Tolk på skærm døgnet rundt (demo)',
    summary: 'Videotolkning på alle sengeafsnit, så patienter altid kan tale med personalet på deres eget sprog.',
    description: 'Vi har sat en skærm op på hvert afsnit, som kobler til en tolk på under fem minutter. Det gælder også om natten.',
    team: 'Tolketeamet (demo)',
    unit: 'Regionshospitalet Horsens',
    strength: 3.0,
  },
  {
    title: 'Grønne gange mellem afsnittene (demo)',
    summary: 'Planter og bænke langs gangene giver patienter et sted at gå en tur og hvile undervejs.',
    description: 'Vi har gjort gangene til et sted, man har lyst til at gå en tur. Der er bænke for hver 30 meter og skilte med, hvor langt man har gået.',
    team: 'Servicefællesskabet (demo)',
    unit: 'Regionshospitalet Viborg',
    strength: 2.7,
  },
];
