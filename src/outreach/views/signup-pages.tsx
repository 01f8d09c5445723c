import { awardsUrls } from '../../awards/urls.js';
import { CsrfField } from '../../platform/csrf.js';
import { Alert, Button, ButtonLink, errorFor, ErrorSummary, type FieldError, Layout, type PageContext, TextInput } from '../../platform/ui/index.js';
import { outreachTexts } from '../i18n.js';
import type { SignupAward } from '../subscriptions.service.js';
import { outreachUrls as urls } from '../urls.js';

const crumbsOf = (ctx: PageContext, award: { slug: string; name: string }, last: string) => [
  { label: ctx.t.home, href: '/' },
  { label: award.name, href: awardsUrls.award({ slug: award.slug }) },
  { label: last },
];

/**
 * On an award's page when no round is open for nominations: "Få besked, når der åbnes", a link
 * to the sign-up page. The award page is cached and shared by everybody, so it holds no form
 * (no visitor's CSRF token); the sign-up page does.
 */
export function NextRoundSignup({ ctx, award }: { ctx: PageContext; award: { slug: string; name: string } }): JSX.Element {
  const o = outreachTexts(ctx.locale);
  return (
    <section aria-labelledby="next-round-signup" id="faa-besked">
      <h2 id="next-round-signup" safe>
        {o.signupHeading}
      </h2>
      <p safe>{o.signupText}</p>
      <ButtonLink variant="secondary" href={urls.subscribe({ slug: award.slug })} text={o.signupLink} />
    </section>
  );
}

/** The sign-up form: one e-mail field, the consent's words, and the button. Errors beside the field; the text kept. */
export function SubscribePage(p: { ctx: PageContext; csrf: string; award: SignupAward; email: string; errors: FieldError[] }): JSX.Element {
  const { ctx, award } = p;
  const o = outreachTexts(ctx.locale);
  const title = o.subscribeTitle(award.name);
  return (
    <Layout ctx={ctx} title={title} hasErrors={p.errors.length > 0} breadcrumbs={crumbsOf(ctx, award, title)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 safe>{title}</h1>
      {award.openNow ? (
        <Alert ctx={ctx} variant="info" heading={o.subscribeOpenNow(award.name)}>
          <p>
            <a href={awardsUrls.award({ slug: award.slug })} safe>
              {o.subscribeOpenNowLink}
            </a>
          </p>
        </Alert>
      ) : (
        ''
      )}
      <p class="font-lead" safe>
        {o.subscribeIntro(award.name)}
      </p>
      <form method="post" action={urls.subscribe({ slug: award.slug })} novalidate>
        <CsrfField token={p.csrf} />
        <TextInput
          ctx={ctx}
          id="email"
          type="email"
          label={o.emailLabel}
          hint={o.emailHint}
          value={p.email}
          error={errorFor(p.errors, 'email')}
          autocomplete="email"
          width="xl"
        />
        <p safe>{o.consentWording(award.name)}</p>
        <Button variant="primary" text={o.subscribeButton} />
      </form>
    </Layout>
  );
}

/** A page with one message (the answer to a sign-up, a confirmation, an unsubscription) and maybe one button. */
export function NoticePage(p: {
  ctx: PageContext;
  title: string;
  text: string;
  variant: 'success' | 'info' | 'warning';
  award?: { slug: string; name: string };
  form?: { action: string; csrf?: string; button: string };
}): JSX.Element {
  const { ctx } = p;
  const crumbs = p.award ? crumbsOf(ctx, p.award, p.title) : [{ label: ctx.t.home, href: '/' }, { label: p.title }];
  return (
    <Layout ctx={ctx} title={p.title} breadcrumbs={crumbs}>
      {p.form ? (
        <>
          <h1 safe>{p.title}</h1>
          <p class="font-lead" safe>
            {p.text}
          </p>
          <form method="post" action={p.form.action}>
            {p.form.csrf ? <CsrfField token={p.form.csrf} /> : ''}
            <Button variant="primary" text={p.form.button} />
          </form>
        </>
      ) : (
        <Alert ctx={ctx} variant={p.variant} headingLevel="h1" heading={p.title} text={p.text} live={p.variant === 'success' ? 'status' : 'none'} />
      )}
      {p.award ? (
        <p>
          <a href={awardsUrls.award({ slug: p.award.slug })} safe>
            {p.award.name}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
