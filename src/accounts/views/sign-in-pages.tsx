import { memberLinkTexts } from '../i18n.js';
import { apiTokenTexts } from '../i18n.js';
import type Html from '@kitajs/html';
import { CsrfField } from '../../platform/csrf.js';
import { Alert, Button, ButtonGroup, ButtonLink, ErrorSummary, Hint, Layout, type PageContext, TextInput } from '../../platform/ui/index.js';
import type { AccountTexts } from '../i18n.js';
import type { Actor } from '../actor.js';

type Provider = { id: number; label: string };

export function SignInPage(p: {
  ctx: PageContext;
  t: AccountTexts;
  csrf: string;
  providers: Provider[];
  demo: boolean;
  email: string;
  error?: string | undefined;
  notice?: string | undefined;
  back: string;
}) {
  const { ctx, t } = p;
  const s = t.signIn;
  const back = encodeURIComponent(p.back);
  return (
    <Layout ctx={ctx} title={s.title} hasErrors={!!p.error} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: s.title }]}>
      <ErrorSummary ctx={ctx} errors={p.error ? [{ field: 'email', message: p.error }] : []} />
      {p.notice ? <Alert ctx={ctx} variant="warning" text={p.notice} /> : ''}
      <h1 safe>{s.title}</h1>
      <p class="font-lead" safe>
        {s.intro}
      </p>
      <h2 safe>{s.employees}</h2>
      {p.providers.length === 0 ? (
        <p safe>{s.noProviders}</p>
      ) : (
        <ul class="nobullet-list">
          {p.providers.map((pr) => (
            <li>
              <ButtonLink variant="primary" href={`/log-ind/oidc/${pr.id}?tilbage=${back}`} text={s.withProvider(pr.label)} />
            </li>
          ))}
        </ul>
      )}
      <h2 safe>{s.emailHeading}</h2>
      <form method="post" action={`/log-ind/email?tilbage=${back}`} novalidate>
        <CsrfField token={p.csrf} />
        <TextInput ctx={ctx} id="email" type="email" label={s.emailLabel} hint={s.emailHint} value={p.email} error={p.error} autocomplete="email" />
        <Button variant="secondary" text={s.emailButton} />
      </form>
      {p.demo ? (
        <section aria-labelledby="demo-heading" class="demo-sign-in">
          <h2 id="demo-heading" safe>
            {s.demoHeading}
          </h2>
          <p safe>{s.demoBody}</p>
          <form method="post" action={`/log-ind/demo?tilbage=${back}`}>
            <CsrfField token={p.csrf} />
            <Button variant="secondary" text={s.demoButton} />
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function MessagePage(p: { ctx: PageContext; title: string; body: string; children?: Html.Children }) {
  return (
    <Layout ctx={p.ctx} title={p.title} breadcrumbs={[{ label: p.ctx.t.home, href: '/' }, { label: p.title }]}>
      <h1 safe>{p.title}</h1>
      <p safe>{p.body}</p>
      {p.children}
    </Layout>
  );
}

export function LinkConfirmPage(p: { ctx: PageContext; t: AccountTexts; csrf: string; action: string }) {
  const s = p.t.signIn;
  return (
    <Layout ctx={p.ctx} title={s.linkTitle}>
      <h1 safe>{s.linkTitle}</h1>
      <p safe>{s.linkBody}</p>
      <form method="post" action={p.action}>
        <CsrfField token={p.csrf} />
        <Button variant="primary" text={s.linkButton} />
      </form>
    </Layout>
  );
}

export function AccountPage(p: {
  ctx: PageContext;
  t: AccountTexts;
  csrf: string;
  actor: Extract<Actor, { kind: 'user' }>;
  organisations: { id: number; name: string }[];
  editions: { id: number; label: string; role: 'committee' | 'panel'; isChair: boolean }[];
  notice?: string | undefined;
}) {
  const a = p.t.account;
  const u = p.actor.user;
  return (
    <Layout ctx={p.ctx} title={a.title} breadcrumbs={[{ label: p.ctx.t.home, href: '/' }, { label: a.title }]}>
      {p.notice ? <Alert ctx={p.ctx} variant="success" live="status" text={p.notice} /> : ''}
      <h1 safe>{a.title}</h1>
      <p safe>{a.signedInAs(u.name, u.email)}</p>
      {p.organisations.length === 0 && p.editions.length === 0 ? <p safe>{a.none}</p> : ''}
      {p.organisations.length > 0 ? (
        <>
          <h2 class="h4" safe>
            {a.adminOf}
          </h2>
          <ul>
            {p.organisations.map((o) => (
              <li safe>{o.name}</li>
            ))}
          </ul>
          <p>
            <ButtonLink variant="primary" href="/admin" text={a.administration} />
          </p>
          <p>
            <a href="/min-side/api-noegler" safe>
              {apiTokenTexts(p.ctx.locale).link}
            </a>
          </p>
        </>
      ) : (
        ''
      )}
      {p.editions.length > 0 ? (
        <>
          <h2 class="h4" safe>
            {a.memberOf}
          </h2>
          <ul>
            {p.editions.map((e) => (
              <li safe>{`${e.label}: ${e.role === 'panel' ? a.panel : e.isChair ? a.chair : a.committee}`}</li>
            ))}
          </ul>
          <p>
            <ButtonLink variant="primary" href="/mine-udgaver" text={memberLinkTexts(p.ctx.locale).mine.link} />
          </p>
        </>
      ) : (
        ''
      )}
      <ButtonGroup>
        <form method="post" action="/log-ud">
          <CsrfField token={p.csrf} />
          <Button variant="secondary" text={a.signOut} />
        </form>
        <form method="post" action="/log-ud/overalt">
          <CsrfField token={p.csrf} />
          <Button variant="tertiary" aria-describedby="everywhere-hint" text={a.signOutEverywhere} />
          <Hint id="everywhere" text={a.signOutEverywhereHint} />
        </form>
      </ButtonGroup>
    </Layout>
  );
}
