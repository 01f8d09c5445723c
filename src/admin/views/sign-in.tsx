import Html from '@kitajs/html';
import { CsrfField } from '../../platform/csrf.js';
import type { PageContext } from '../../platform/layout.js';
import { AdminLayout, ErrorSummary, FieldError, attr, errorOf, type FieldErrors } from './parts.js';

type Props = { ctx: PageContext; csrf: string; returnTo: string; errors: FieldErrors };

/** Sign-in with the shared administrator token (until personal sign-in exists). */
export function SignInPage({ ctx, csrf, returnTo, errors }: Props): JSX.Element {
  const a = ctx.t.admin;
  const error = errorOf(errors, 'token');
  return (
    <AdminLayout ctx={ctx} title={a.signInTitle} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{a.signInTitle}</h1>
      <p safe>{a.signInIntro}</p>
      <form method="post" action="/admin/log-ind" novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="tilbage" value={attr(returnTo)} />
        <div class={`form-group${error ? ' form-error' : ''}`}>
          <label class="form-label" for="token" safe>
            {a.tokenLabel}
          </label>
          <span class="form-hint" id="token-hint" safe>
            {a.tokenHint}
          </span>
          <FieldError ctx={ctx} id="token" message={error} />
          <input
            class="form-input input-width-xl"
            type="password"
            id="token"
            name="token"
            autocomplete="current-password"
            spellcheck="false"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'token-hint token-error' : 'token-hint'}
          />
        </div>
        <button type="submit" class="button button-primary" safe>
          {a.signIn}
        </button>
      </form>
    </AdminLayout>
  );
}

/** Shown at every /admin address while ADMIN_TOKEN is not set. */
export function NotConfiguredPage({ ctx }: { ctx: PageContext }): JSX.Element {
  const a = ctx.t.admin;
  return (
    <AdminLayout ctx={ctx} title={a.notConfiguredTitle}>
      <h1 safe>{a.notConfiguredTitle}</h1>
      <p safe>{a.notConfiguredBody}</p>
      <p safe>{a.notConfiguredHow}</p>
      <pre>
        <code>openssl rand -base64 32</code>
      </pre>
    </AdminLayout>
  );
}

/** Too many wrong tokens from one address. */
export function TooManyAttemptsPage({ ctx }: { ctx: PageContext }): JSX.Element {
  const a = ctx.t.admin;
  return (
    <AdminLayout ctx={ctx} title={a.tooManyTitle}>
      <h1 safe>{a.tooManyTitle}</h1>
      <p safe>{a.tooManyBody}</p>
    </AdminLayout>
  );
}
