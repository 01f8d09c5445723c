import { attr } from '../../platform/html-attr.js';
import {
  Alert,
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldError,
  Layout,
  type PageContext,
  LocalizedParagraphs,
  LocalizedText,
  pickText,
  Table,
  TextArea,
  TextInput,
} from '../../platform/ui/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatDate } from '../../platform/time.js';
import type { AdoptionRow, ImageRow, LinkedNomination, SimilarRow, SolutionRow } from '../ideabank.repo.js';
import type { IdeaBankTexts } from '../i18n.js';
import { IdeaBankAssets, SimilarItem } from './parts.js';

export type AdoptionForm = { organisation: string; unit: string; adoptedOn: string; changes: string };

type Props = {
  ctx: PageContext;
  it: IdeaBankTexts;
  solution: SolutionRow;
  adoptions: AdoptionRow[];
  links: LinkedNomination[];
  similar: SimilarRow[];
  images: ImageRow[];
  canEdit: boolean;
  /** Set for a signed-in visitor: the adoption form is shown. */
  /** The adoption form for staff; 'not-staff' for a signed-in user who is staff of no organisation; null for the public. */
  adoption: { csrf: string; form: AdoptionForm; errors: FieldError[]; done: boolean } | 'not-staff' | null;
};

/** "2021-03-01" → "1. marts 2021" in the visitor's language. */
function day(iso: string, ctx: PageContext): string {
  return formatDate(new Date(`${iso}T12:00:00Z`), ctx.locale);
}

/** A solution: what it is, where it came from, where it spread (diagram and table), and "Vi har taget løsningen i brug". */
export function SolutionPage({ ctx, it, solution: s, adoptions, links, similar, images, canEdit, adoption }: Props) {
  const form = adoption === 'not-staff' ? null : adoption;
  const errors = form?.errors ?? [];
  // The page's <title> and breadcrumb carry the title in the page's language when it was given.
  const title = pickText(ctx.locale, s.title, s.titleEn).text;
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={errors.length > 0}
      breadcrumbs={[{ label: ctx.t.siteName, href: '/' }, { label: it.title, href: '/idebank' }, { label: title }]}
    >
      <IdeaBankAssets />
      <ErrorSummary ctx={ctx} errors={errors} />
      {form?.done ? <Alert ctx={ctx} variant="success" live="status" text={it.adopt.done} /> : ''}
      <h1>
        <LocalizedText ctx={ctx} da={s.title} en={s.titleEn} />
      </h1>
      <p class="font-lead">
        <LocalizedText ctx={ctx} da={s.summary} en={s.summaryEn} />
      </p>
      <dl class="ideabank-facts">
        <dt safe>{it.solution.origin}</dt>
        <dd safe>{[s.unitName, s.organisationName].filter(Boolean).join(', ')}</dd>
        <dt safe>{it.solution.statusLabel}</dt>
        <dd safe>{it.status[s.status]}</dd>
        <dt safe>{it.solution.year}</dt>
        <dd safe>{String(s.year)}</dd>
        {s.contactName || s.contactEmail ? (
          <>
            <dt safe>{it.solution.contact}</dt>
            <dd>
              {s.contactName ? <span safe>{s.contactName}</span> : ''}
              {s.contactEmail ? (
                <>
                  {s.contactName ? ', ' : ''}
                  <a href={`mailto:${s.contactEmail}`} safe>
                    {s.contactEmail}
                  </a>
                </>
              ) : (
                ''
              )}
            </dd>
          </>
        ) : (
          ''
        )}
        {s.tags.length ? (
          <>
            <dt safe>{it.solution.tags}</dt>
            <dd>
              {s.tags.map((tag, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/idebank?emne=${encodeURIComponent(tag)}`} safe>
                    {tag}
                  </a>
                </>
              ))}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {canEdit ? (
        <p>
          <ButtonLink variant="secondary" href={`/idebank/loesninger/${s.id}/rediger`} text={it.solution.edit} />
        </p>
      ) : (
        ''
      )}
      {images.length > 0 ? (
        <ul class="nobullet-list ideabank-image-list">
          {images.map((img) => (
            <li>
              <img src={`/idebank/billeder/${img.id}`} alt={attr(img.altText)} width="360" loading="lazy" />
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {s.description ? (
        <>
          <h2 safe>{it.solution.description}</h2>
          <LocalizedParagraphs ctx={ctx} da={s.description} en={s.descriptionEn} />
        </>
      ) : (
        ''
      )}
      <h2 safe>{it.solution.nominations}</h2>
      {links.length === 0 ? (
        <p safe>{it.solution.noNominations}</p>
      ) : (
        <ul>
          {links.map((l) => (
            <li>
              <a href={`/priser/${l.awardSlug}/${l.year}`} safe>
                {l.role === 'nominated' ? it.solution.nominatedFor(l.awardName, l.year) : it.solution.originOf(l.awardName, l.year)}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 safe>{it.solution.spreadHeading}</h2>
      <p safe>{it.solution.spreadIntro(adoptions.length)}</p>
      {adoptions.length > 0 ? <SpreadDiagram it={it} solution={s} adoptions={adoptions} /> : ''}
      <Table zebra label={it.solution.tableCaption}>
        <caption safe>{it.solution.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {it.solution.colUnit}
            </th>
            <th scope="col" safe>
              {it.solution.colOrganisation}
            </th>
            <th scope="col" safe>
              {it.solution.colWhen}
            </th>
            <th scope="col" safe>
              {it.solution.colChanges}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" safe>
              {s.unitName || s.organisationName}
            </th>
            <td safe>{s.organisationName}</td>
            <td safe>{String(s.year)}</td>
            <td safe>{it.solution.originRow}</td>
          </tr>
          {adoptions.map((a) => (
            <tr>
              <th scope="row" safe>
                {a.unitName}
              </th>
              <td safe>{a.organisationName}</td>
              <td>
                <time datetime={a.adoptedOn} safe>
                  {day(a.adoptedOn, ctx)}
                </time>
              </td>
              <td safe>{a.changes}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <AdoptionSection ctx={ctx} it={it} solutionId={s.id} adoption={adoption} />
      {similar.length > 0 ? (
        <>
          <h2 safe>{it.solution.similar}</h2>
          <ul>
            {similar.map((x) => (
              <SimilarItem ctx={ctx} solution={x} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

function AdoptionSection({ ctx, it, solutionId, adoption }: { ctx: PageContext; it: IdeaBankTexts; solutionId: number; adoption: Props['adoption'] }) {
  const a = it.adopt;
  if (adoption === 'not-staff') {
    return (
      <>
        <h2 safe>{a.heading}</h2>
        <p safe>{it.writeRefusal.adoptNotStaff}</p>
      </>
    );
  }
  if (!adoption) {
    return (
      <>
        <h2 safe>{a.heading}</h2>
        <p>
          <a href={`/log-ind?tilbage=${encodeURIComponent(`/idebank/loesninger/${solutionId}`)}`} safe>
            {a.signIn}
          </a>
        </p>
      </>
    );
  }
  const err = (f: string) => adoption.errors.find((e) => e.field === f)?.message;
  return (
    <section aria-labelledby="adopt-heading">
      <h2 id="adopt-heading" safe>
        {a.heading}
      </h2>
      <p safe>{a.intro}</p>
      <form method="post" action={`/idebank/loesninger/${solutionId}/ibrug`} novalidate>
        <CsrfField token={adoption.csrf} />
        <TextInput
          ctx={ctx}
          id="organisation"
          label={a.organisation}
          hint={a.organisationHint}
          value={adoption.form.organisation}
          error={err('organisation')}
          autocomplete="organization"
        />
        <TextInput ctx={ctx} id="unit" label={a.unit} hint={a.unitHint} value={adoption.form.unit} error={err('unit')} />
        <TextInput ctx={ctx} id="adoptedOn" label={a.adoptedOn} hint={a.adoptedOnHint} value={adoption.form.adoptedOn} error={err('adoptedOn')} />
        <TextArea ctx={ctx} id="changes" label={a.changes} optional hint={a.changesHint} value={adoption.form.changes} error={err('changes')} rows={4} />
        <Button variant="primary" text={a.submit} />
      </form>
    </section>
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Where the solution came from and where it spread: the origin on the left with an arrow to
 * each adopting unit on the right, in order of adoption. An image with a title and a
 * description for screen readers; the table beside it holds the same facts.
 */
export function SpreadDiagram({ it, solution, adoptions }: { it: IdeaBankTexts; solution: SolutionRow; adoptions: AdoptionRow[] }) {
  const rowH = 56;
  const height = Math.max(120, adoptions.length * rowH + 24);
  const originY = height / 2;
  return (
    <figure class="ideabank-diagram">
      <svg viewBox={`0 0 760 ${height}`} width="100%" role="img" aria-labelledby="spread-title spread-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="spread-title" safe>
          {it.solution.diagramTitle}
        </title>
        <desc id="spread-desc" safe>
          {it.solution.diagramDesc(solution.title, adoptions.length)}
        </desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#1a1a1a" />
          </marker>
        </defs>
        <rect x="8" y={String(originY - 34)} width="260" height="68" rx="6" fill="#e6f0f8" stroke="#004993" stroke-width="2" />
        <text x="20" y={String(originY - 8)} font-size="15" font-weight="600" fill="#1a1a1a" safe>
          {clip(solution.title, 30)}
        </text>
        <text x="20" y={String(originY + 16)} font-size="13" fill="#1a1a1a" safe>
          {clip(solution.unitName || solution.organisationName, 34)}
        </text>
        {adoptions.map((a, i) => {
          const y = 12 + i * rowH + rowH / 2;
          return (
            <>
              <line x1="268" y1={String(originY)} x2="440" y2={String(y)} stroke="#1a1a1a" stroke-width="1.5" marker-end="url(#arrow)" />
              <rect x="444" y={String(y - 24)} width="308" height="48" rx="6" fill="#ffffff" stroke="#1a1a1a" stroke-width="1" />
              <text x="454" y={String(y - 4)} font-size="13" fill="#1a1a1a" safe>
                {clip(a.unitName, 40)}
              </text>
              <text x="454" y={String(y + 14)} font-size="12" fill="#1a1a1a" safe>
                {`${a.adoptedOn.slice(0, 4)} · ${clip(a.organisationName, 30)}`}
              </text>
            </>
          );
        })}
      </svg>
    </figure>
  );
}
