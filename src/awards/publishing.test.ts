import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copenhagen } from '../platform/time.js';
import { deleteRefusal, maySeeDraft, publishProblems, unpublishRefusal } from './publishing.js';

const now = copenhagen(2026, 12, 5, 12);
const draft: Parameters<typeof publishProblems>[0] = {
  year: 2027,
  theme: 'Pårørende' as string | null,
  publishedAt: null,
  opensAt: copenhagen(2027, 3, 1, 9),
  closesAt: copenhagen(2027, 4, 30, 12),
  reviewStartsAt: null,
  nomineesPublishedAt: copenhagen(2027, 9, 26, 12),
  votingOpensAt: null,
  votingClosesAt: null,
  winnerAnnouncedAt: copenhagen(2027, 11, 3, 15, 30),
};
const noDates = { opensAt: null, closesAt: null, nomineesPublishedAt: null, winnerAnnouncedAt: null };
const lists = { criteria: 3, sections: 2 };

const publishCases: {
  name: string;
  edition: typeof draft | (Omit<typeof draft, keyof typeof noDates> & typeof noDates);
  counts?: typeof lists;
  confirm?: boolean;
  want: string[];
}[] = [
  { name: 'a complete draft opening later', edition: draft, want: [] },
  { name: 'already published', edition: { ...draft, publishedAt: now }, want: ['already-published'] },
  { name: 'no theme (next year’s copy has none)', edition: { ...draft, theme: null }, want: ['theme-missing'] },
  { name: 'a theme of spaces is none', edition: { ...draft, theme: '   ' }, want: ['theme-missing'] },
  { name: 'no criteria and no sections', edition: draft, counts: { criteria: 0, sections: 0 }, want: ['no-criteria', 'no-sections'] },
  { name: 'the year does not fit the winner date', edition: { ...draft, year: 2026 }, want: ['year-mismatch'] },
  { name: 'opening in the past, not confirmed', edition: { ...draft, opensAt: copenhagen(2026, 12, 1, 9) }, want: ['opens-in-past'] },
  { name: 'opening in the past, confirmed', edition: { ...draft, opensAt: copenhagen(2026, 12, 1, 9) }, confirm: true, want: [] },
  { name: 'opening at this very instant counts as past', edition: { ...draft, opensAt: now }, want: ['opens-in-past'] },
  { name: 'history without dates needs only its theme', edition: { ...draft, ...noDates, year: 2016 }, counts: { criteria: 0, sections: 0 }, want: [] },
  { name: 'history without a theme', edition: { ...draft, ...noDates, theme: null }, counts: { criteria: 0, sections: 0 }, want: ['theme-missing'] },
];
for (const c of publishCases) {
  test(`publishProblems: ${c.name}`, () => {
    const got = publishProblems(c.edition, c.counts ?? lists, now, c.confirm ?? false).map((p) => p.code);
    assert.deepEqual(got, c.want);
  });
}

const unpublishCases: { name: string; edition: { publishedAt: Date | null; opensAt: Date | null }; want: string | null }[] = [
  { name: 'published, opens later', edition: { publishedAt: now, opensAt: copenhagen(2027, 3, 1, 9) }, want: null },
  { name: 'a draft', edition: { publishedAt: null, opensAt: copenhagen(2027, 3, 1, 9) }, want: 'not-published' },
  { name: 'already open', edition: { publishedAt: now, opensAt: copenhagen(2026, 12, 1, 9) }, want: 'already-open' },
  { name: 'opening now', edition: { publishedAt: now, opensAt: now }, want: 'already-open' },
  { name: 'history without dates', edition: { publishedAt: now, opensAt: null }, want: 'history' },
];
for (const c of unpublishCases) test(`unpublishRefusal: ${c.name}`, () => assert.equal(unpublishRefusal(c.edition, now)?.code ?? null, c.want));

const deleteCases: { name: string; publishedAt: Date | null; hasNominations: boolean; want: string | null }[] = [
  { name: 'an empty draft', publishedAt: null, hasNominations: false, want: null },
  { name: 'a published round', publishedAt: now, hasNominations: false, want: 'published' },
  { name: 'a draft with a nomination', publishedAt: null, hasNominations: true, want: 'has-nominations' },
];
for (const c of deleteCases) test(`deleteRefusal: ${c.name}`, () => assert.equal(deleteRefusal(c, c.hasNominations)?.code ?? null, c.want));

const edition = { id: 7, organisationId: 2 };
const seeCases: { name: string; viewer: Parameters<typeof maySeeDraft>[0]; want: boolean }[] = [
  { name: 'nobody signed in', viewer: null, want: false },
  { name: 'an administrator of the organisation', viewer: { adminOf: new Set([2]), committeeOf: new Set() }, want: true },
  { name: 'an administrator of another organisation', viewer: { adminOf: new Set([3]), committeeOf: new Set() }, want: false },
  { name: "a member of the round's committee", viewer: { adminOf: new Set(), committeeOf: new Set([7]) }, want: true },
  { name: "a member of another round's committee", viewer: { adminOf: new Set(), committeeOf: new Set([8]) }, want: false },
];
for (const c of seeCases) test(`maySeeDraft: ${c.name}`, () => assert.equal(maySeeDraft(c.viewer, edition), c.want));
