import type Html from '@kitajs/html';
import { CsrfField } from '../csrf.js';
import type { Crumb } from './breadcrumbs.js';
import { Button } from './button.js';
import type { PageContext } from './context.js';
import { Layout } from './layout.js';

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

/**
 * The frame of every administration page: the DKFDS layout, breadcrumbs from the overview
 * ("Administration" first), and a sign-out button above the page's content.
 */
export function AdminLayout({ ctx, title, hasErrors, crumbs, csrf, children }: AdminLayoutProps): JSX.Element {
  const a = ctx.t.admin;
  const breadcrumbs: Crumb[] | undefined = crumbs ? [{ label: a.breadcrumb, href: '/admin' }, ...crumbs] : undefined;
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors} breadcrumbs={breadcrumbs}>
      {csrf ? (
        <form method="post" action="/log-ud" class="admin-signout no-print">
          <CsrfField token={csrf} />
          <Button variant="secondary" text={a.signOut} />
        </form>
      ) : (
        ''
      )}
      {children}
    </Layout>
  );
}
