import { membersTexts } from '../i18n.js';
import { CsrfField } from '../../platform/csrf.js';
import { Button, ButtonLink, Layout, type PageContext } from '../../platform/ui/index.js';
import type { InvitationRefusal } from '../invitation-rules.js';

/**
 * /invitation/:token (GET): what the invitation is for and one button. The GET changes nothing,
 * so a mail scanner that opens the link does not use it up.
 */
export function AcceptInvitationPage(p: { ctx: PageContext; csrf: string; action: string; group: string; edition: string; organisation: string }) {
  const a = membersTexts(p.ctx.locale).accept;
  return (
    <Layout ctx={p.ctx} title={a.title}>
      <h1 safe>{a.title}</h1>
      <p safe>{a.body(p.group, p.edition, p.organisation)}</p>
      <form method="post" action={p.action}>
        <CsrfField token={p.csrf} />
        <Button variant="primary" text={a.button} />
      </form>
    </Layout>
  );
}

/** Why an invitation link cannot be used, in plain words, with the way to sign-in. */
export function InvitationRefusedPage(p: { ctx: PageContext; reason: InvitationRefusal }) {
  const a = membersTexts(p.ctx.locale).accept;
  return (
    <Layout ctx={p.ctx} title={a.refusedTitle}>
      <h1 safe>{a.refusedTitle}</h1>
      <p safe>{a.refused[p.reason]}</p>
      <ButtonLink variant="secondary" href="/log-ind" text={a.signIn} />
    </Layout>
  );
}
