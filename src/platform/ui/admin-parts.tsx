export { attr } from '../html-attr.js';
import type Html from '@kitajs/html';
import { CsrfField } from '../csrf.js';
import { Layout, type Crumb, type PageContext } from '../layout.js';

export type FieldErrors = { field: string /** the id of the input the summary links to */; target: string; message: string }[];

type AdminLayoutProps = {
  ctx: PageContext;
  title: string;
  hasErrors?: boolean;
  /** Crumbs after "Administration"; the overview page itself passes none. */
  crumbs?: Crumb[];
  /** A CSRF token for the sign-out form; without one (signed out) the bar is not shown. */
  csrf?: string;
  children?: Html.Children;
};

/** The frame of every administration page: the DKFDS layout, breadcrumbs from the overview, and a sign-out button. */
export function AdminLayout({ ctx, title, hasErrors, crumbs, csrf, children }: AdminLayoutProps): JSX.Element {
  const a = ctx.t.admin;
  const breadcrumbs: Crumb[] | undefined = crumbs ? [{ label: a.breadcrumb, href: '/admin' }, ...crumbs] : undefined;
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors} breadcrumbs={breadcrumbs}>
      {csrf ? (
        <form method="post" action="/log-ud" class="admin-signout no-print">
          <CsrfField token={csrf} />
          <button type="submit" class="button button-secondary" safe>
            {a.signOut}
          </button>
        </form>
      ) : (
        ''
      )}
      {children}
    </Layout>
  );
}

/** The DKFDS error summary: above the h1, focused on load by DKFDS.init, a link to each field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }) {
  if (errors.length === 0) return '';
  return (
    <div class="alert alert-error" role="alert" aria-labelledby="error-summary-title" data-module="error-summary" tabindex="-1">
      <div class="alert-body">
        <p class="alert-heading" id="error-summary-title" safe>
          {ctx.t.admin.errorSummaryHeading}
        </p>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li>
              <a href={`#${e.target}`} class="function-link" safe>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A field's DKFDS error message, or nothing. Its id is `<id>-error`, for aria-describedby. */
export function FieldError({ ctx, id, message }: { ctx: PageContext; id: string; message: string | undefined }) {
  if (!message) return '';
  return (
    <span class="form-error-message" id={`${id}-error`}>
      <span class="sr-only" safe>{`${ctx.t.admin.errorPrefix} `}</span>
      <span safe>{message}</span>
    </span>
  );
}

export function errorOf(errors: FieldErrors, field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** Multi-line text as paragraphs (blank lines) with line breaks, every piece escaped. */
export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <>
      {paragraphs.map((p) => (
        <p lang={lang}>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </>
  );
}
