/**
 * Blind review as one rule for every surface that shows a nomination to the committee: the
 * review page (judging), the members' dossier PDF (publication), and whatever comes next (an
 * API, a workbook). The fields below are hidden from committee members when the edition has
 * blind review; the rest (title, solution text, answers, criteria, the nominee's organisation,
 * the origin of an adopted solution) is shown. Pure, no I/O.
 */

/** The nomination fields blind review hides from the committee, everywhere, with what is left in their place. */
const BLANKED = {
  nomineeNames: '',
  nomineeKind: null,
  nomineeUnit: '',
  nomineeEmail: '',
  nominatorName: '',
  nominatorEmail: '',
  nominatorWorkplace: '',
  nominatorIsCitizen: null,
} as const;

export type BlindHiddenField = keyof typeof BLANKED;

export const BLIND_REVIEW_HIDDEN_FIELDS = Object.keys(BLANKED) as readonly BlindHiddenField[];

const hidden: ReadonlySet<string> = new Set(BLIND_REVIEW_HIDDEN_FIELDS);

/** Whether a surface shows the field to committee members (`blind`: the edition's blind review). */
export function shownToCommittee(field: BlindHiddenField, blind: boolean): boolean {
  return !blind || !hidden.has(field);
}

/**
 * The nomination as the committee may see it: with `blind`, every hidden field that `n` has is
 * blanked ('' for text, null for a choice), so a surface that forgets to leave one out shows nothing.
 */
export function forCommittee<T extends object>(n: T, blind: boolean): T {
  if (!blind) return n;
  const copy = { ...n } as Record<string, unknown>;
  for (const field of BLIND_REVIEW_HIDDEN_FIELDS) if (field in copy) copy[field] = BLANKED[field];
  return copy as T;
}
