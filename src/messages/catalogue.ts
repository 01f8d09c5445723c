import type { Locale } from '../platform/time.js';

// The e-mails of every stage of a round and their default wording in Danish and English. A
// round's administrators may reword each one per language (message_templates); no row means
// the default below. Placeholders are written {{name}}; a line whose placeholders all came out
// empty is left out (render.ts), so an optional value such as {{reason}} needs no condition.

/** The placeholders every e-mail of a round may use: the recipient and the round's facts. */
export const COMMON_PLACEHOLDERS = [
  'recipient',
  'edition',
  'award',
  'year',
  'organisation',
  'opens',
  'deadline',
  'review-starts',
  'review-deadline',
  'nominees-date',
  'voting-opens',
  'voting-deadline',
  'winner-date',
  'event',
  'winner-when',
  'award-page',
] as const;

/** Who receives an e-mail of a kind: which people the preview offers. */
export type Audience = 'nominator' | 'nominee' | 'nominator-or-nominee' | 'committee' | 'panel' | 'invitee-committee' | 'invitee-panel' | 'anyone';

/** The stage an e-mail belongs to, in the order of a round: the list page groups by it. */
export type Stage = 'invitation' | 'nomination' | 'scoring' | 'voting' | 'nominees' | 'winner' | 'dates';

export const STAGES: readonly Stage[] = ['invitation', 'nomination', 'scoring', 'nominees', 'voting', 'winner', 'dates'];

function kind<const P extends readonly string[]>(stage: Stage, audience: Audience, placeholders: P) {
  return { stage, audience, placeholders };
}

/** Each kind of e-mail: its stage, its recipients and the placeholders it may use besides the common ones. */
export const MESSAGE_KINDS = {
  'invitation-committee': kind('invitation', 'invitee-committee', ['link', 'expires', 'sign-in-link', 'email', 'chair']),
  'invitation-panel': kind('invitation', 'invitee-panel', ['link', 'expires', 'sign-in-link', 'email']),
  receipt: kind('nomination', 'nominator', ['title', 'receipt', 'received', 'private-link', 'nomination']),
  'receipt-changed': kind('nomination', 'nominator', ['title', 'receipt', 'received', 'private-link', 'nomination']),
  'nominee-notice': kind('nomination', 'nominee', ['title', 'nominator', 'link']),
  'draft-link': kind('nomination', 'nominator', ['link']),
  withdrawal: kind('nomination', 'nominator', ['title', 'receipt']),
  'withdrawal-nominee': kind('nomination', 'nominee', ['title', 'nominator']),
  'scoring-opens': kind('scoring', 'committee', ['link', 'count']),
  'scoring-reminder': kind('scoring', 'committee', ['link', 'done', 'total']),
  'nominees-nominated': kind('nominees', 'nominator-or-nominee', ['title']),
  'nominees-not-nominated': kind('nominees', 'nominator-or-nominee', ['title']),
  'nominees-not-eligible': kind('nominees', 'nominator-or-nominee', ['title', 'reason']),
  'voting-opens': kind('voting', 'panel', ['link', 'count']),
  'winner-confidential': kind('winner', 'nominator-or-nominee', ['title']),
  'winner-announced': kind('winner', 'nominator-or-nominee', ['title', 'winner']),
  'winner-announced-winner': kind('winner', 'nominator-or-nominee', ['title']),
  'thanks-committee': kind('winner', 'committee', ['winner']),
  'thanks-panel': kind('winner', 'panel', ['winner']),
  'date-changed': kind('dates', 'anyone', ['changes', 'because']),
  'date-changed-draft': kind('dates', 'nominator', ['changes', 'because']),
  'date-changed-draft-expired': kind('dates', 'nominator', ['changes', 'because']),
} as const;

export type MessageKind = keyof typeof MESSAGE_KINDS;
export type CommonPlaceholder = (typeof COMMON_PLACEHOLDERS)[number];
/** The placeholders of one kind: the common ones and its own. */
export type PlaceholderOf<K extends MessageKind> = CommonPlaceholder | (typeof MESSAGE_KINDS)[K]['placeholders'][number];
/** Every placeholder name of any kind. */
export type Placeholder = { [K in MessageKind]: PlaceholderOf<K> }[MessageKind];

export const MESSAGE_KIND_LIST = Object.keys(MESSAGE_KINDS) as MessageKind[];

export function isMessageKind(v: unknown): v is MessageKind {
  return typeof v === 'string' && Object.hasOwn(MESSAGE_KINDS, v);
}

/** The placeholders an e-mail of this kind may use. */
export function placeholdersOf(k: MessageKind): readonly Placeholder[] {
  return [...COMMON_PLACEHOLDERS, ...MESSAGE_KINDS[k].placeholders];
}

/**
 * The outbox `kind` of an e-mail (for logs, tests and a person's data export), where it was
 * named before the templates came; a new kind keeps its own name.
 */
export const OUTBOX_KIND: Partial<Record<MessageKind, string>> = {
  'invitation-committee': 'member-invitation',
  'invitation-panel': 'member-invitation',
  receipt: 'nomination-receipt',
  'receipt-changed': 'nomination-receipt',
  withdrawal: 'nomination-withdrawn',
  'scoring-reminder': 'review-reminder',
  'nominees-nominated': 'publication-nominees',
  'winner-announced': 'publication-winner',
  'winner-announced-winner': 'publication-winner',
  'date-changed': 'edition-timeline-change',
  'date-changed-draft': 'edition-timeline-change',
  'date-changed-draft-expired': 'edition-timeline-change',
};

export type Template = { subject: string; body: string };

const da = {
  'invitation-committee': {
    subject: 'Invitation til priskomitéen for {{edition}}',
    body: `Kære {{recipient}}

{{organisation}} inviterer dig til at være med i priskomitéen for {{edition}}.
Du er inviteret som {{chair}}.

Det betyder det for dig:
- Du læser indstillingerne og giver point for hvert kriterium. Det gør du her på siden, når det passer dig.
- Du kan bedømme fra {{review-starts}} til {{review-deadline}}.
- Komitéen udvælger de nominerede, som offentliggøres {{nominees-date}}.
- Vinderen offentliggøres {{winner-when}}.

Sig ja til invitationen her. Linket virker én gang og til {{expires}}:
{{link}}

Bagefter logger du ind med din e-mail ({{email}}) her. Du finder prisen under "Mine udgaver":
{{sign-in-link}}

Venlig hilsen
{{organisation}}`,
  },
  'invitation-panel': {
    subject: 'Vil du være med i patientpanelet for {{edition}}?',
    body: `Kære {{recipient}}

{{organisation}} inviterer dig til at være med i patientpanelet for {{edition}}. Panelet vælger vinderen blandt de nominerede.

Det betyder det for dig:
- Du læser nogle korte beskrivelser af de nominerede løsninger og sætter dem i den rækkefølge, du synes er bedst.
- Det tager omkring en time, og du kan gøre det hjemmefra.
- Du kan stemme fra {{voting-opens}} til {{voting-deadline}}.
- Vinderen offentliggøres {{winner-when}}.

Du skal ikke have forstand på sundhedsvæsenet. Vi vil gerne høre, hvad du synes som patient eller pårørende.

Sig ja til invitationen her. Linket virker én gang og til {{expires}}:
{{link}}

Bagefter logger du ind med din e-mail ({{email}}) her. Du finder prisen under "Mine udgaver":
{{sign-in-link}}

Venlig hilsen
{{organisation}}`,
  },
  receipt: {
    subject: 'Kvittering for din indstilling – {{edition}} ({{receipt}})',
    body: `Kære {{recipient}}

Tak for din indstilling til {{edition}}. Vi har modtaget den.

Kvitteringsnummer: {{receipt}}
Modtaget: {{received}}

Hvad sker der nu?
- Du kan ændre eller trække indstillingen tilbage frem til {{deadline}}.
- De nominerede offentliggøres {{nominees-date}}.
- Vinderen offentliggøres {{winner-when}}.

Du kan ændre eller trække indstillingen tilbage via dit private link. Del det ikke med andre:
{{private-link}}

Her er en kopi af din indstilling:

{{nomination}}

Venlig hilsen
{{organisation}}`,
  },
  'receipt-changed': {
    subject: 'Kvittering for din indstilling – {{edition}} ({{receipt}})',
    body: `Kære {{recipient}}

Vi har modtaget dine ændringer af din indstilling til {{edition}}.

Kvitteringsnummer: {{receipt}}
Modtaget: {{received}}

Hvad sker der nu?
- Du kan ændre eller trække indstillingen tilbage frem til {{deadline}}.
- De nominerede offentliggøres {{nominees-date}}.
- Vinderen offentliggøres {{winner-when}}.

Du kan ændre eller trække indstillingen tilbage via dit private link. Del det ikke med andre:
{{private-link}}

Her er en kopi af din indstilling:

{{nomination}}

Venlig hilsen
{{organisation}}`,
  },
  'nominee-notice': {
    subject: 'I er indstillet til {{edition}}',
    body: `Kære {{recipient}}

{{nominator}} har indstillet jer til {{edition}} for løsningen "{{title}}".

Hvis I bliver nomineret, offentliggør vi jeres navne, afdeling og en beskrivelse af løsningen. Det gør vi kun, hvis I siger ja.

Sig ja eller nej til at blive offentliggjort her:
{{link}}

Indstillingen bliver bedømt uanset jeres svar. I kan ændre jeres svar via samme link.

Venlig hilsen
{{organisation}}`,
  },
  'draft-link': {
    subject: 'Din kladde til {{edition}}',
    body: `Kære {{recipient}}

Din indstilling til {{edition}} er gemt som kladde. Brug dit private link for at skrive videre:
{{link}}
Fristen er {{deadline}}.

Del ikke linket: alle med linket kan læse og ændre indstillingen.

Venlig hilsen
{{organisation}}`,
  },
  withdrawal: {
    subject: 'Din indstilling er trukket tilbage – {{edition}} ({{receipt}})',
    body: `Kære {{recipient}}

Du har trukket din indstilling "{{title}}" til {{edition}} tilbage. Den indgår ikke i bedømmelsen.

Venlig hilsen
{{organisation}}`,
  },
  'withdrawal-nominee': {
    subject: 'Indstillingen af jer til {{edition}} er trukket tilbage',
    body: `Kære {{recipient}}

{{nominator}} har trukket indstillingen af jer til {{edition}} for løsningen "{{title}}" tilbage. Den indgår ikke i bedømmelsen, og vi offentliggør ikke noget om jer.

Du skal ikke gøre noget. Linket til at sige ja eller nej til offentliggørelse virker ikke længere.

Venlig hilsen
{{organisation}}`,
  },
  'scoring-opens': {
    subject: 'Nu kan du bedømme indstillingerne til {{edition}}',
    body: `Kære {{recipient}}

Nu kan du bedømme indstillingerne til {{edition}}. Der er {{count}} indstillinger.

Giv point for hvert kriterium her. Fristen er {{review-deadline}}.
{{link}}

Venlig hilsen
{{organisation}}`,
  },
  'scoring-reminder': {
    subject: 'Husk at bedømme indstillingerne til {{edition}} senest {{review-deadline}}',
    body: `Kære {{recipient}}

Du har bedømt {{done}} af {{total}} indstillinger til {{edition}}. Fristen er {{review-deadline}}.

Bedøm resten her:
{{link}}

Venlig hilsen
{{organisation}}`,
  },
  'nominees-nominated': {
    subject: 'Nomineret til {{edition}}: {{title}}',
    body: `Kære {{recipient}}

Løsningen "{{title}}" er nomineret til {{edition}}. Tillykke!

Se alle de nominerede her:
{{award-page}}

Vinderen offentliggøres {{winner-when}}.

Venlig hilsen
{{organisation}}`,
  },
  'nominees-not-nominated': {
    subject: 'De nominerede til {{edition}} er fundet',
    body: `Kære {{recipient}}

Komitéen har nu valgt de nominerede til {{edition}}. Løsningen "{{title}}" blev ikke nomineret denne gang.

Tak, fordi I var med. Alle indstillinger viser, hvor meget godt der sker, og vi håber, I vil indstille igen.

Se de nominerede her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'nominees-not-eligible': {
    subject: 'Jeres indstilling til {{edition}}',
    body: `Kære {{recipient}}

Indstillingen "{{title}}" til {{edition}} opfyldte ikke betingelserne for prisen, og derfor har komitéen ikke bedømt den.
Begrundelse: {{reason}}

Tak, fordi I var med. Har du spørgsmål, så svar på denne e-mail eller skriv til {{organisation}}.

Venlig hilsen
{{organisation}}`,
  },
  'voting-opens': {
    subject: 'Nu kan du stemme: {{edition}}',
    body: `Kære {{recipient}}

Nu kan du vælge vinderen af {{edition}}. Der er {{count}} nominerede.

Læs de korte beskrivelser, og sæt løsningerne i den rækkefølge, du synes er bedst.
Du kan stemme til {{voting-deadline}} her:
{{link}}

Venlig hilsen
{{organisation}}`,
  },
  'winner-confidential': {
    subject: 'Fortroligt: {{edition}}',
    body: `Kære {{recipient}}

Vi har en god nyhed, som vi beder dig holde for dig selv, til den bliver offentliggjort {{winner-when}}: "{{title}}" har vundet {{edition}}. Tillykke!

Vi håber, du vil være med, når vinderen offentliggøres. Vi kontakter dig om det praktiske.

Venlig hilsen
{{organisation}}`,
  },
  'winner-announced': {
    subject: 'Vinderen af {{edition}} er fundet',
    body: `Kære {{recipient}}

Vinderen af {{edition}} er fundet: "{{winner}}". Tak, fordi "{{title}}" var med blandt de nominerede.

Læs mere her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'winner-announced-winner': {
    subject: 'Vinder af {{edition}}: {{title}}',
    body: `Kære {{recipient}}

"{{title}}" har vundet {{edition}}. Tillykke!

Læs mere her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'thanks-committee': {
    subject: 'Tak for din indsats i priskomitéen for {{edition}}',
    body: `Kære {{recipient}}

Vinderen af {{edition}} er fundet: "{{winner}}".

Tak for den tid og omtanke, du har brugt på at læse og bedømme indstillingerne.

Se resultatet her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'thanks-panel': {
    subject: 'Tak for din hjælp med {{edition}}',
    body: `Kære {{recipient}}

Vinderen af {{edition}} er fundet: "{{winner}}".

Tak, fordi du var med i patientpanelet. Din stemme var med til at vælge vinderen.

Se resultatet her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'date-changed': {
    subject: 'Ny dato: {{edition}}',
    body: `Kære {{recipient}}

Vi har flyttet en eller flere datoer i {{edition}}:

{{changes}}

{{because}}

Se alle datoer her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'date-changed-draft': {
    subject: 'Ny dato: {{edition}}',
    body: `Kære {{recipient}}

Vi har flyttet en eller flere datoer i {{edition}}:

{{changes}}

{{because}}

Husk at sende din indstilling senest {{deadline}}. Du finder den via linket i den e-mail, du fik, da du gemte den.

Se alle datoer her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
  'date-changed-draft-expired': {
    subject: 'Ny dato: {{edition}}',
    body: `Kære {{recipient}}

Vi har flyttet en eller flere datoer i {{edition}}:

{{changes}}

{{because}}

Fristen for indstillinger var {{deadline}}, så din kladde kan ikke længere sendes. Du kan stadig åbne den via linket i den e-mail, du fik, da du gemte den, og kopiere din tekst.

Se alle datoer her:
{{award-page}}

Venlig hilsen
{{organisation}}`,
  },
} satisfies Record<MessageKind, Template>;

const en: Record<MessageKind, Template> = {
  'invitation-committee': {
    subject: 'Invitation to the award committee of {{edition}}',
    body: `Dear {{recipient}}

{{organisation}} invites you to join the award committee of {{edition}}.
You are invited as {{chair}}.

What this means for you:
- You read the nominations and give points for each criterion. You do this on this site, whenever it suits you.
- You can score from {{review-starts}} to {{review-deadline}}.
- The committee chooses the nominees, who are published on {{nominees-date}}.
- The winner is announced on {{winner-when}}.

Accept the invitation here. The link works once and until {{expires}}:
{{link}}

Afterwards you sign in with your e-mail ({{email}}) here. You find the award under "My editions":
{{sign-in-link}}

Kind regards
{{organisation}}`,
  },
  'invitation-panel': {
    subject: 'Would you join the patient panel of {{edition}}?',
    body: `Dear {{recipient}}

{{organisation}} invites you to join the patient panel of {{edition}}. The panel chooses the winner among the nominees.

What this means for you:
- You read a few short descriptions of the nominated solutions and put them in the order you think is best.
- It takes about an hour, and you can do it from home.
- You can vote from {{voting-opens}} to {{voting-deadline}}.
- The winner is announced on {{winner-when}}.

You do not need to know about healthcare. We want to hear what you think as a patient or relative.

Accept the invitation here. The link works once and until {{expires}}:
{{link}}

Afterwards you sign in with your e-mail ({{email}}) here. You find the award under "My editions":
{{sign-in-link}}

Kind regards
{{organisation}}`,
  },
  receipt: {
    subject: 'Receipt for your nomination – {{edition}} ({{receipt}})',
    body: `Dear {{recipient}}

Thank you for your nomination for {{edition}}. We have received it.

Receipt number: {{receipt}}
Received: {{received}}

What happens next?
- You can change or withdraw the nomination until {{deadline}}.
- The nominees are published on {{nominees-date}}.
- The winner is announced on {{winner-when}}.

You can change or withdraw the nomination through your private link. Do not share it:
{{private-link}}

Here is a copy of your nomination:

{{nomination}}

Kind regards
{{organisation}}`,
  },
  'receipt-changed': {
    subject: 'Receipt for your nomination – {{edition}} ({{receipt}})',
    body: `Dear {{recipient}}

We have received your changes to your nomination for {{edition}}.

Receipt number: {{receipt}}
Received: {{received}}

What happens next?
- You can change or withdraw the nomination until {{deadline}}.
- The nominees are published on {{nominees-date}}.
- The winner is announced on {{winner-when}}.

You can change or withdraw the nomination through your private link. Do not share it:
{{private-link}}

Here is a copy of your nomination:

{{nomination}}

Kind regards
{{organisation}}`,
  },
  'nominee-notice': {
    subject: 'You have been nominated for {{edition}}',
    body: `Dear {{recipient}}

{{nominator}} has nominated you for {{edition}} for the solution "{{title}}".

If you become a nominee, we publish your names, department and a description of the solution. We only do so if you say yes.

Say yes or no to being published here:
{{link}}

The nomination is judged whatever you answer. You can change your answer through the same link.

Kind regards
{{organisation}}`,
  },
  'draft-link': {
    subject: 'Your draft for {{edition}}',
    body: `Dear {{recipient}}

Your nomination for {{edition}} is saved as a draft. Use your private link to continue:
{{link}}
The deadline is {{deadline}}.

Do not share the link: anyone with it can read and change the nomination.

Kind regards
{{organisation}}`,
  },
  withdrawal: {
    subject: 'Your nomination is withdrawn – {{edition}} ({{receipt}})',
    body: `Dear {{recipient}}

You have withdrawn your nomination "{{title}}" for {{edition}}. It is not judged.

Kind regards
{{organisation}}`,
  },
  'withdrawal-nominee': {
    subject: 'Your nomination for {{edition}} has been withdrawn',
    body: `Dear {{recipient}}

{{nominator}} has withdrawn the nomination of you for {{edition}} for the solution "{{title}}". It is not judged, and we publish nothing about you.

You need not do anything. The link to say yes or no to publication no longer works.

Kind regards
{{organisation}}`,
  },
  'scoring-opens': {
    subject: 'You can now score the nominations for {{edition}}',
    body: `Dear {{recipient}}

You can now score the nominations for {{edition}}. There are {{count}} nominations.

Give points for each criterion here. The deadline is {{review-deadline}}.
{{link}}

Kind regards
{{organisation}}`,
  },
  'scoring-reminder': {
    subject: 'Remember to score the nominations for {{edition}} by {{review-deadline}}',
    body: `Dear {{recipient}}

You have scored {{done}} of {{total}} nominations for {{edition}}. The deadline is {{review-deadline}}.

Score the rest here:
{{link}}

Kind regards
{{organisation}}`,
  },
  'nominees-nominated': {
    subject: 'Nominated for {{edition}}: {{title}}',
    body: `Dear {{recipient}}

The solution "{{title}}" is nominated for {{edition}}. Congratulations!

See all the nominees here:
{{award-page}}

The winner is announced on {{winner-when}}.

Kind regards
{{organisation}}`,
  },
  'nominees-not-nominated': {
    subject: 'The nominees for {{edition}} are chosen',
    body: `Dear {{recipient}}

The committee has now chosen the nominees for {{edition}}. The solution "{{title}}" was not nominated this time.

Thank you for taking part. Every nomination shows how much good work is done, and we hope you will nominate again.

See the nominees here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'nominees-not-eligible': {
    subject: 'Your nomination for {{edition}}',
    body: `Dear {{recipient}}

The nomination "{{title}}" for {{edition}} did not meet the conditions of the award, so the committee has not scored it.
Reason: {{reason}}

Thank you for taking part. If you have questions, reply to this e-mail or write to {{organisation}}.

Kind regards
{{organisation}}`,
  },
  'voting-opens': {
    subject: 'You can now vote: {{edition}}',
    body: `Dear {{recipient}}

You can now choose the winner of {{edition}}. There are {{count}} nominees.

Read the short descriptions and put the solutions in the order you think is best.
You can vote until {{voting-deadline}} here:
{{link}}

Kind regards
{{organisation}}`,
  },
  'winner-confidential': {
    subject: 'Confidential: {{edition}}',
    body: `Dear {{recipient}}

We have good news that we ask you to keep to yourself until it is announced on {{winner-when}}: "{{title}}" has won {{edition}}. Congratulations!

We hope you will be there when the winner is announced. We will contact you about the practical details.

Kind regards
{{organisation}}`,
  },
  'winner-announced': {
    subject: 'The winner of {{edition}} is announced',
    body: `Dear {{recipient}}

The winner of {{edition}} is announced: "{{winner}}". Thank you for having "{{title}}" among the nominees.

Read more here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'winner-announced-winner': {
    subject: 'Winner of {{edition}}: {{title}}',
    body: `Dear {{recipient}}

"{{title}}" has won {{edition}}. Congratulations!

Read more here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'thanks-committee': {
    subject: 'Thank you for your work on the award committee of {{edition}}',
    body: `Dear {{recipient}}

The winner of {{edition}} is announced: "{{winner}}".

Thank you for the time and care you gave to reading and scoring the nominations.

See the result here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'thanks-panel': {
    subject: 'Thank you for your help with {{edition}}',
    body: `Dear {{recipient}}

The winner of {{edition}} is announced: "{{winner}}".

Thank you for being on the patient panel. Your vote helped choose the winner.

See the result here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'date-changed': {
    subject: 'New date: {{edition}}',
    body: `Dear {{recipient}}

We have moved one or more dates of {{edition}}:

{{changes}}

{{because}}

See all dates here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'date-changed-draft': {
    subject: 'New date: {{edition}}',
    body: `Dear {{recipient}}

We have moved one or more dates of {{edition}}:

{{changes}}

{{because}}

Remember to send your nomination by {{deadline}}. You find it through the link in the e-mail you got when you saved it.

See all dates here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
  'date-changed-draft-expired': {
    subject: 'New date: {{edition}}',
    body: `Dear {{recipient}}

We have moved one or more dates of {{edition}}:

{{changes}}

{{because}}

The deadline for nominations was {{deadline}}, so your draft can no longer be sent. You can still open it through the link in the e-mail you got when you saved it, and copy your text.

See all dates here:
{{award-page}}

Kind regards
{{organisation}}`,
  },
};

const defaults: Record<Locale, Record<MessageKind, Template>> = { da, en };

/** The default wording of a kind in a language. */
export function defaultTemplate(k: MessageKind, language: Locale): Template {
  return defaults[language][k];
}
