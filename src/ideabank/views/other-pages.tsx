import { CsrfField } from '../../platform/csrf.js';
import { Button, ErrorSummary, type FieldError, Layout, type PageContext, Radios, Table, errorFor } from '../../platform/ui/index.js';
import type { SimilarRow, SpreadRow } from '../ideabank.repo.js';
import type { IdeaBankTexts } from '../i18n.js';
import type { NominationForBank } from '../ideabank.service.js';
import { IdeaBankAssets } from './parts.js';

/** /idebank/mest-spredte: the solutions adopted by the most units. */
export function MostSpreadPage({ ctx, it, rows }: { ctx: PageContext; it: IdeaBankTexts; rows: SpreadRow[] }) {
  const m = it.mostSpread;
  return (
    <Layout ctx={ctx} title={m.title} breadcrumbs={[{ label: ctx.t.siteName, href: '/' }, { label: it.title, href: '/idebank' }, { label: m.title }]}>
      <IdeaBankAssets />
      <h1 safe>{m.title}</h1>
      <p safe>{m.intro}</p>
      {rows.length === 0 ? (
        <p safe>{m.none}</p>
      ) : (
        <Table zebra label={m.title}>
          <thead>
            <tr>
              <th scope="col" safe>
                {m.colSolution}
              </th>
              <th scope="col" safe>
                {m.colFrom}
              </th>
              <th scope="col" class="text-align-right" safe>
                {m.colUnits}
              </th>
              <th scope="col" class="text-align-right" safe>
                {m.colOrganisations}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/idebank/loesninger/${r.id}`} safe>
                    {r.title}
                  </a>
                </th>
                <td safe>{[r.unitName, r.organisationName].filter(Boolean).join(', ')}</td>
                <td class="text-align-right" safe>
                  {String(r.adoptionCount)}
                </td>
                <td class="text-align-right" safe>
                  {String(r.organisationCount)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Layout>
  );
}

type LinkProps = {
  ctx: PageContext;
  it: IdeaBankTexts;
  csrf: string;
  nomination: NominationForBank;
  notReady: 'not-sent' | 'not-eligible' | 'no-consent' | null;
  linked: { id: number; title: string } | null;
  origin: { id: number; title: string } | null;
  candidates: SimilarRow[];
  originCandidates: SimilarRow[];
  errors: FieldError[];
};

/** /idebank/indstillinger/:nominationId: an administrator puts an eligible nomination in the idea bank. */
export function NominationLinkPage({ ctx, it, csrf, nomination: n, notReady, linked, origin, candidates, originCandidates, errors }: LinkProps) {
  const l = it.link;
  return (
    <Layout
      ctx={ctx}
      title={l.title}
      hasErrors={errors.length > 0}
      breadcrumbs={[
        { label: ctx.t.admin.breadcrumb, href: '/admin' },
        { label: n.title || String(n.id), href: `/admin/indstillinger/${n.id}` },
        { label: l.title },
      ]}
    >
      <IdeaBankAssets />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{l.title}</h1>
      <p class="font-lead" safe>
        {n.title}
      </p>
      <p safe>{n.summary}</p>
      <p safe>{l.intro}</p>
      {linked ? (
        <p>
          <span safe>{`${l.already} `}</span>
          <a href={`/idebank/loesninger/${linked.id}`} safe>
            {linked.title}
          </a>
        </p>
      ) : notReady ? (
        <p safe>{l.notReady[notReady]}</p>
      ) : (
        <form method="post" action={`/idebank/indstillinger/${n.id}`}>
          <CsrfField token={csrf} />
          <Radios
            ctx={ctx}
            id="loesning"
            legend={l.choice}
            value=""
            error={errorFor(errors, 'loesning')}
            options={[{ value: 'ny', label: l.createNew }, ...candidates.map((c) => ({ value: String(c.id), label: l.linkTo(c.title) }))]}
          />
          <Button variant="primary" text={l.submit} />
        </form>
      )}
      {n.asksOrigin ? (
        <section aria-labelledby="origin-heading">
          <h2 id="origin-heading" safe>
            {l.originHeading}
          </h2>
          <p>
            <span safe>{`${l.originStated} `}</span>
            <q safe>{[n.originOrganisation, n.originDescription].filter(Boolean).join(' – ')}</q>
          </p>
          <form method="post" action={`/idebank/indstillinger/${n.id}/oprindelse`}>
            <CsrfField token={csrf} />
            <Radios
              ctx={ctx}
              id="oprindelse"
              legend={l.originChoice}
              value={origin === null ? 'ingen' : String(origin.id)}
              error={errorFor(errors, 'oprindelse')}
              options={[
                { value: 'ingen', label: l.originNone },
                ...[...(origin && !originCandidates.some((c) => c.id === origin.id) ? [{ id: origin.id, title: origin.title }] : []), ...originCandidates].map(
                  (c) => ({ value: String(c.id), label: c.title }),
                ),
              ]}
            />
            <Button variant="secondary" text={l.originSubmit} />
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** A refusal to write to the idea bank for a user who is staff of no organisation (403). */
export function IdeaBankWriteRefusalPage({ ctx, it }: { ctx: PageContext; it: IdeaBankTexts }) {
  return (
    <Layout
      ctx={ctx}
      title={it.writeRefusal.title}
      breadcrumbs={[{ label: ctx.t.siteName, href: '/' }, { label: it.title, href: '/idebank' }, { label: it.writeRefusal.title }]}
    >
      <h1 safe>{it.writeRefusal.title}</h1>
      <p safe>{it.writeRefusal.notStaff}</p>
    </Layout>
  );
}
