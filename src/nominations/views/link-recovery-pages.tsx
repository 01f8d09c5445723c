import { CsrfField } from '../../platform/csrf.js';
import { Alert, Button, ErrorSummary, Layout, type PageContext, TextInput } from '../../platform/ui/index.js';
import { nominationTexts } from '../i18n.js';
import type { RecoveryRefusal } from '../link-recovery-rules.js';
import { nominationsUrls as urls } from '../urls.js';

/** "Send mig mit link igen": the form, its error, or the answer (the same whatever the address). */
export function LostLinkPage(p: {
  ctx: PageContext;
  csrf: string;
  email: string;
  error?: string;
  notice?: { heading: string; body: string; variant: 'success' | 'error' };
}) {
  const { ctx } = p;
  const t = nominationTexts(ctx.locale).linkRecovery;
  const errors = p.error ? [{ field: 'email', message: p.error }] : [];
  return (
    <Layout ctx={ctx} title={t.title} hasErrors={errors.length > 0} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: t.title }]}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {p.notice ? (
        <Alert
          ctx={ctx}
          variant={p.notice.variant}
          heading={p.notice.heading}
          text={p.notice.body}
          live={p.notice.variant === 'success' ? 'status' : 'alert'}
        />
      ) : (
        ''
      )}
      <h1 safe>{t.title}</h1>
      <p safe>{t.lead}</p>
      <form method="post" action={urls.lostLink()} novalidate>
        <CsrfField token={p.csrf} />
        <TextInput ctx={ctx} id="email" type="email" label={t.email} value={p.email} error={p.error} autocomplete="email" />
        <Button variant="primary" text={t.send} />
      </form>
    </Layout>
  );
}

/** A recovery link from the e-mail: a button to confirm (mail scanners that open links must not use it up), or why it cannot open. */
export function LinkRecoveryPage(p: { ctx: PageContext; csrf: string; token: string; title: string | null; refusal: RecoveryRefusal | null }) {
  const { ctx } = p;
  const t = nominationTexts(ctx.locale).linkRecovery;
  return (
    <Layout ctx={ctx} title={t.confirmTitle} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: t.confirmTitle }]}>
      <h1 safe>{t.confirmTitle}</h1>
      {p.refusal ? (
        <>
          <Alert ctx={ctx} variant="error" live="none" text={t.refused[p.refusal]} />
          <p>
            <a href={urls.lostLink()} safe>
              {t.send}
            </a>
          </p>
        </>
      ) : (
        <form method="post" action={urls.linkRecovery({ token: p.token })} novalidate>
          <CsrfField token={p.csrf} />
          <p safe>{t.confirmBody(p.title ?? '')}</p>
          <Button variant="primary" data={{ 'data-once': 'true' }} text={t.confirmButton} />
        </form>
      )}
    </Layout>
  );
}
