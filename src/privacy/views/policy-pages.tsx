import { Layout, type PageContext } from '../../platform/ui/index.js';
import type { OrganisationRow } from '../../awards/index.js';
import { authorityOf } from '../../awards/index.js';
import type { PolicyTexts } from '../policy-texts.js';
import { privacyUrls } from '../urls.js';

/** /privatliv: one policy per organisation (each is its own data controller), and the cookies the portal sets. */
export function PolicyIndexPage({ ctx, p, organisations }: { ctx: PageContext; p: PolicyTexts; organisations: OrganisationRow[] }) {
  const c = ctx.t.privacy;
  return (
    <Layout ctx={ctx} title={p.indexTitle} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: p.indexTitle }]}>
      <h1 safe>{p.indexTitle}</h1>
      <p class="font-lead" safe>
        {p.indexIntro}
      </p>
      <ul>
        {organisations.map((o) => (
          <li>
            <a href={privacyUrls.policy({ slug: o.slug })} safe>
              {p.title(o.name)}
            </a>
          </li>
        ))}
      </ul>
      <p safe>{c.body}</p>
      <h2 safe>{c.cookies}</h2>
      <p safe>{c.cookiesBody}</p>
    </Layout>
  );
}

const List = ({ items }: { items: readonly string[] }) => (
  <ul>
    {items.map((i) => (
      <li safe>{i}</li>
    ))}
  </ul>
);

/** /privatliv/:slug: the organisation's privacy policy, complete by default (policy-texts.ts). */
export function PolicyPage({ ctx, p, org, retentionYears }: { ctx: PageContext; p: PolicyTexts; org: OrganisationRow; retentionYears: number }) {
  const c = ctx.t.privacy;
  const title = p.title(org.name);
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: p.indexTitle, href: privacyUrls.policies() }, { label: org.name }]}
      organisers={[org]}
      authority={authorityOf(org)}
    >
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {p.intro(org.name)}
      </p>
      {org.privacyUrl ? (
        <p>
          <span safe>{p.ownPolicy(org.name)}</span>{' '}
          <a href={org.privacyUrl} safe>
            {org.privacyUrl}
          </a>
        </p>
      ) : (
        ''
      )}
      <h2 safe>{p.controllerHeading}</h2>
      <p safe>{p.controller(org.name)}</p>
      <dl class="timeline-list" id="controller">
        <dt safe>{org.name}</dt>
        {org.websiteUrl ? (
          <dd>
            <span safe>{`${p.website}: `}</span>
            <a href={org.websiteUrl} safe>
              {org.websiteUrl}
            </a>
          </dd>
        ) : (
          ''
        )}
        {org.contactEmail ? (
          <dd>
            <span safe>{`${p.email}: `}</span>
            <a href={`mailto:${org.contactEmail}`} safe>
              {org.contactEmail}
            </a>
          </dd>
        ) : (
          ''
        )}
        {org.contactPhone ? <dd safe>{`${p.phone}: ${org.contactPhone}`}</dd> : ''}
      </dl>
      <h2 safe>{p.dpoHeading}</h2>
      {org.dpoEmail ? (
        <p id="dpo">
          <span safe>{p.dpo(org.name)}</span>{' '}
          <a href={`mailto:${org.dpoEmail}`} safe>
            {org.dpoEmail}
          </a>
        </p>
      ) : (
        <p id="dpo" safe>
          {p.dpoFallback(org.name)}
        </p>
      )}
      <h2 safe>{p.purposesHeading}</h2>
      <List items={p.purposes} />
      <h2 safe>{p.dataHeading}</h2>
      <List items={p.data} />
      <p safe>{p.healthWarning}</p>
      <h2 safe>{p.basisHeading}</h2>
      <List items={p.basis} />
      <h2 safe>{p.retentionHeading}</h2>
      <p id="retention" safe>
        {p.retention(retentionYears)}
      </p>
      <p safe>{p.retentionShort}</p>
      <h2 safe>{p.recipientsHeading}</h2>
      <List items={p.recipients} />
      <h2 safe>{p.rightsHeading}</h2>
      <p safe>{p.rightsIntro}</p>
      <List items={p.rights} />
      <p safe>{p.rightsHow(org.name)}</p>
      <h2 safe>{p.complaintHeading}</h2>
      <p id="complaint">
        <span safe>{p.complaint}</span>{' '}
        <a href="https://www.datatilsynet.dk" safe>
          {p.complaintLink}
        </a>
      </p>
      <h2 safe>{c.cookies}</h2>
      <p safe>{c.cookiesBody}</p>
    </Layout>
  );
}
