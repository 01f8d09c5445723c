import type { FormDefinition, NominationFields } from './form.js';
import { nominationTexts, type NominationTexts } from './i18n.js';
import { pickText } from '../platform/ui/localized.js';
import type { Locale } from '../platform/time.js';

/**
 * A nomination as plain text: the copy in the receipt e-mail, the download of a draft after
 * the deadline, and the basis of the PDF (labels in Danish there); and as blocks for the pages.
 */
export const NOMINEE_KIND_LABEL = { person: 'En person', team: 'Et team', workplace: 'En arbejdsplads' } as const;

/** A line of a block: label, value, and `lang` "da" when the value is an administrator's Danish text on an English page. */
export type TextLine = [label: string, value: string, lang?: 'da'];
/** `headingLang` "da": a section's Danish heading standing in on an English page. */
export type TextBlock = { heading: string; headingLang?: 'da'; lines: TextLine[] } | { heading: string; headingLang?: 'da'; text: string };

type SummaryWords = NominationTexts['summary'];

/**
 * The nomination in blocks, for the pages ("Tjek dine svar", the draft after the deadline) in the
 * page's language and, in Danish, for the receipt's copy and PDF. On an English page the criteria
 * and section headings are the administrators' English texts where given, else the Danish ones,
 * marked (`lang`). What the nominator wrote is shown as written.
 */
export function nominationBlocks(f: NominationFields, form: FormDefinition, locale: Locale = 'da'): TextBlock[] {
  const w: SummaryWords = nominationTexts(locale).summary;
  const chosen = form.criteria.filter((c) => f.criterionIds.includes(c.id)).map((c) => pickText(locale, c.title, c.titleEn));
  const criteriaLine: TextLine = [w.criteria, chosen.map((c) => c.text).join(', ')];
  // One value for all the chosen criteria: marked Danish when every title in it is the Danish stand-in.
  if (chosen.length > 0 && chosen.every((c) => c.fallback)) criteriaLine.push('da');
  const blocks: TextBlock[] = [
    {
      heading: w.aboutYou,
      lines: [
        [w.name, f.nominatorName],
        [w.email, f.nominatorEmail],
        [w.nominatesAs, f.nominatorIsCitizen === 'yes' ? w.citizen : f.nominatorIsCitizen === 'no' ? w.employee : ''],
        ...(f.nominatorIsCitizen === 'yes' ? [] : ([[w.workplace, f.nominatorWorkplace]] as TextLine[])),
      ],
    },
    {
      heading: w.nominee,
      lines: [
        [w.nomineeIs, f.nomineeKind ? w.kinds[f.nomineeKind] : ''],
        [w.name, f.nomineeNames],
        [w.unit, f.nomineeUnit],
        [w.organisation, f.nomineeOrganisation],
        [w.contactEmail, f.nomineeEmail],
      ],
    },
    {
      heading: w.solution,
      lines: [
        [w.title, f.title],
        [w.summary, f.summary],
        criteriaLine,
        ...(form.asksOrigin
          ? ([
              [w.origin, f.originOrganisation],
              [w.originAbout, f.originDescription],
              [w.link, f.originUrl],
            ] as TextLine[])
          : []),
      ],
    },
    ...form.sections.map((s) => {
      const heading = pickText(locale, s.heading, s.headingEn);
      return { heading: heading.text, ...(heading.fallback ? { headingLang: 'da' as const } : {}), text: f.answers[String(s.id)] ?? '' };
    }),
  ];
  return blocks;
}

/**
 * The nomination as text; with `attachments` (the receipt), the names of the files sent with it too.
 * In the nominator's language (`locale`: the receipt e-mail's); Danish by default.
 */
export function nominationAsText(f: NominationFields, form: FormDefinition, attachments?: readonly string[], locale: Locale = 'da'): string {
  const w = nominationTexts(locale).summary;
  const underlined = (heading: string) => `${heading}\n${'-'.repeat(heading.length)}`;
  const blocks = nominationBlocks(f, form, locale).map((b) =>
    'lines' in b
      ? `${underlined(b.heading)}\n${b.lines.map(([l, v]) => `${l}: ${v || w.textNotFilled}`).join('\n')}`
      : `${underlined(b.heading)}\n${b.text || w.textNotFilled}`,
  );
  if (attachments) blocks.push(`${underlined(w.textAttachments)}\n${attachments.length ? attachments.map((a) => `- ${a}`).join('\n') : w.textNoAttachments}`);
  return blocks.join('\n\n');
}
