/**
 * The rules of an edition's settings for the committee's review (pure; the setup form, the
 * setup service and the admin API share them). They are columns of awards' editions table, so
 * the rules are awards' too; judging reads the settings: the review deadline lies after the closing of nominations (and after
 * the review starts) and not after the nominees are published; the scale is whole numbers
 * 0–100 with min < max; step labels, when given, are one per step.
 */

export const SCALE_LIMITS = { min: 0, max: 100 } as const;
export const SCORE_LABEL_MAX = 200;

export type JudgingSetupProblem =
  | { field: 'reviewClosesAt'; code: 'review-closes-order' }
  | { field: 'scoreScaleMax'; code: 'scale-order' }
  | { field: 'scoreLabels'; code: 'labels-count'; steps: number }
  | { field: 'scoreScaleMin'; code: 'scale-locked' };

export type JudgingSetupInput = {
  timeline?: { closesAt: Date | null; reviewStartsAt: Date | null; nomineesPublishedAt: Date | null };
  reviewClosesAt?: Date | null;
  scoreScaleMin?: number;
  scoreScaleMax?: number;
  scoreLabels?: string[] | null;
};

export function judgingSetupProblems(input: JudgingSetupInput): JudgingSetupProblem[] {
  const out: JudgingSetupProblem[] = [];
  const closes = input.reviewClosesAt;
  if (closes) {
    const t = input.timeline;
    const start = t ? (t.reviewStartsAt ?? t.closesAt) : null;
    const published = t?.nomineesPublishedAt ?? null;
    const afterClosing = t?.closesAt ? closes.getTime() > t.closesAt.getTime() : false;
    const afterStart = start ? closes.getTime() > start.getTime() : false;
    const beforePublished = published ? closes.getTime() <= published.getTime() : false;
    if (!afterClosing || !afterStart || !beforePublished) out.push({ field: 'reviewClosesAt', code: 'review-closes-order' });
  }
  const min = input.scoreScaleMin;
  const max = input.scoreScaleMax;
  if (min !== undefined && max !== undefined) {
    if (min >= max) out.push({ field: 'scoreScaleMax', code: 'scale-order' });
    else if (input.scoreLabels && input.scoreLabels.length !== max - min + 1) out.push({ field: 'scoreLabels', code: 'labels-count', steps: max - min + 1 });
  }
  return out;
}

/** Step labels typed one per line: blank lines dropped; none at all is null (the default labels). */
export function parseScoreLabels(raw: string): string[] | null {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length === 0 ? null : lines;
}
