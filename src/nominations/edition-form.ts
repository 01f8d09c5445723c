import type { Database } from '../db/database.js';
import { timelineOf, type Timeline } from '../awards/index.js';
import { emptyFields, type FormDefinition, type NominationFields } from './form.js';
import { findEditionWithForm, type NominationRow } from './nominations.repo.js';

// An edition as its nomination form sees it, and a saved nomination as form fields: read by the
// flow (nomination.service.ts), its e-mails (nomination-mails.ts) and the receipt PDF.

export type EditionForForm = NonNullable<Awaited<ReturnType<typeof findEditionWithForm>>> & {
  form: FormDefinition;
  timeline: Timeline | null;
};

/** An edition with everything its nomination form needs, or null. */
export async function loadEditionForForm(db: Database, editionId: number): Promise<EditionForForm | null> {
  const found = await findEditionWithForm(db, editionId);
  // A draft round takes no nominations: to the form, the API and the service it does not exist.
  if (!found || found.edition.publishedAt === null) return null;
  return {
    ...found,
    timeline: timelineOf(found.edition),
    form: {
      sections: found.sections.map((s) => ({
        id: s.id,
        heading: s.heading,
        help: s.help,
        headingEn: s.headingEn,
        helpEn: s.helpEn,
        wordLimit: s.wordLimit,
        required: s.required,
      })),
      criteria: found.criteria.map((c) => ({ id: c.id, title: c.title, description: c.description, titleEn: c.titleEn, descriptionEn: c.descriptionEn })),
      asksOrigin: found.edition.asksOrigin,
    },
  };
}

/**
 * What the nominator sees and edits: the changes saved since sending (the working copy) when
 * there are any, else the nomination as it stands. Everyone else reads `fieldsOf`.
 */
export function nominatorFieldsOf(row: NominationRow): NominationFields {
  return row.workingCopy ? { ...emptyFields(), ...row.workingCopy } : fieldsOf(row);
}

/** Whether two sets of fields say the same (a working copy saved without a real change). */
export function sameFields(a: NominationFields, b: NominationFields): boolean {
  const canonical = (f: NominationFields) =>
    JSON.stringify({
      ...f,
      answers: Object.entries(f.answers)
        .filter(([, v]) => v !== '')
        .sort(([x], [y]) => x.localeCompare(y)),
    });
  return canonical({ ...emptyFields(), ...a }) === canonical({ ...emptyFields(), ...b });
}

/** The fields of a saved nomination as last sent (or as the draft stands), as the form works with them. */
export function fieldsOf(row: NominationRow): NominationFields {
  const f = emptyFields();
  return {
    ...f,
    nominatorName: row.nominatorName,
    nominatorEmail: row.nominatorEmail,
    nominatorIsCitizen: row.nominatorIsCitizen ?? '',
    nominatorWorkplace: row.nominatorWorkplace,
    nomineeKind: row.nomineeKind ?? '',
    nomineeNames: row.nomineeNames,
    nomineeUnit: row.nomineeUnit,
    nomineeOrganisation: row.nomineeOrganisation,
    nomineeEmail: row.nomineeEmail,
    title: row.title,
    summary: row.summary,
    criterionIds: row.criterionIds,
    originOrganisation: row.originOrganisation,
    originDescription: row.originDescription,
    originUrl: row.originUrl,
    answers: row.answers,
  };
}
