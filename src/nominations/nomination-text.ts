import type { FormDefinition, NominationFields } from './form.js';

/**
 * A nomination as plain text: the copy in the receipt e-mail, the download of a draft after
 * the deadline, and the basis of the PDF. Labels are Danish, as the form is.
 */
export const NOMINEE_KIND_LABEL = { person: 'En person', team: 'Et team', workplace: 'En arbejdsplads' } as const;

export type TextBlock = { heading: string; lines: [label: string, value: string][] } | { heading: string; text: string };

export function nominationBlocks(f: NominationFields, form: FormDefinition): TextBlock[] {
  const blocks: TextBlock[] = [
    {
      heading: 'Om dig, der indstiller',
      lines: [
        ['Navn', f.nominatorName],
        ['E-mail', f.nominatorEmail],
        ['Indstiller som', f.nominatorIsCitizen === 'yes' ? 'Borger' : f.nominatorIsCitizen === 'no' ? 'Medarbejder' : ''],
        ...(f.nominatorIsCitizen === 'yes' ? [] : ([['Arbejdsplads', f.nominatorWorkplace]] as [string, string][])),
      ],
    },
    {
      heading: 'Hvem du indstiller',
      lines: [
        ['Den indstillede er', f.nomineeKind ? NOMINEE_KIND_LABEL[f.nomineeKind] : ''],
        ['Navn', f.nomineeNames],
        ['Afdeling eller enhed', f.nomineeUnit],
        ['Hospital eller organisation', f.nomineeOrganisation],
        ['E-mail til kontaktperson', f.nomineeEmail],
      ],
    },
    {
      heading: 'Løsningen',
      lines: [
        ['Titel', f.title],
        ['Kort resumé', f.summary],
        [
          'Kriterier',
          form.criteria
            .filter((c) => f.criterionIds.includes(c.id))
            .map((c) => c.title)
            .join(', '),
        ],
        ...(form.asksOrigin
          ? ([
              ['Først udviklet af', f.originOrganisation],
              ['Om oprindelsen', f.originDescription],
              ['Link', f.originUrl],
            ] as [string, string][])
          : []),
      ],
    },
    ...form.sections.map((s) => ({ heading: s.heading, text: f.answers[String(s.id)] ?? '' })),
  ];
  return blocks;
}

/** The nomination as text; with `attachments` (the receipt), the names of the files sent with it too. */
export function nominationAsText(f: NominationFields, form: FormDefinition, attachments?: readonly string[]): string {
  const blocks = nominationBlocks(f, form).map((b) =>
    'lines' in b
      ? `${b.heading}\n${'-'.repeat(b.heading.length)}\n${b.lines.map(([l, v]) => `${l}: ${v || '(ikke udfyldt)'}`).join('\n')}`
      : `${b.heading}\n${'-'.repeat(b.heading.length)}\n${b.text || '(ikke udfyldt)'}`,
  );
  if (attachments) blocks.push(`Bilag\n-----\n${attachments.length ? attachments.map((a) => `- ${a}`).join('\n') : '(ingen bilag)'}`);
  return blocks.join('\n\n');
}
