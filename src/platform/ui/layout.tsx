import type Html from '@kitajs/html';
import { Breadcrumbs, type Crumb } from './breadcrumbs.js';
import type { PageContext } from './context.js';
import { IconSprite } from './icon.js';
import { Modal } from './modal.js';
import { Button } from './button.js';

export type { PageContext };

export type FooterOrganiser = {
  name: string;
  websiteUrl: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
};

type LayoutProps = {
  ctx: PageContext;
  title: string;
  /** Set when the page shows a form with errors: the title then starts with "Fejl: ". */
  hasErrors?: boolean;
  breadcrumbs?: Crumb[];
  organisers?: FooterOrganiser[];
  children?: Html.Children;
};

export const ASSET_VERSION = '5';

/** The DKFDS page frame: skip link, header, main, footer with organiser, privacy, accessibility and language. */
export function Layout({ ctx, title, hasErrors, breadcrumbs, organisers, children }: LayoutProps): JSX.Element {
  const { t } = ctx;
  const fullTitle = `${hasErrors ? `${t.ui.errorPrefix} ` : ''}${title} – ${t.siteName}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <link rel="stylesheet" href={`/dkfds/css/dkfds.min.css?v=${ASSET_VERSION}`} />
          <link rel="stylesheet" href={`/static/app.css?v=${ASSET_VERSION}`} />
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          <script src={`/dkfds/js/dkfds.min.js?v=${ASSET_VERSION}`} defer></script>
          <script type="module" src={`/static/app.js?v=${ASSET_VERSION}`}></script>
        </head>
        <body>
          <IconSprite />
          <a class="skipnav" href="#main-content" safe>
            {t.skipLink}
          </a>
          <header class="header">
            <div class="portal-info">
              <div class="container portal-info-inner">
                <a href="/" class="portal-name" safe>
                  {t.siteName}
                </a>
                <span class="portal-account-link">
                  <a href="/idebank" class="portal-ideabank-link mr-5" safe>
                    {t.ideaBankLink}
                  </a>{' '}
                  {/* Cached public pages carry no session, so they show "Log ind" to everyone. */}
                  <a href={ctx.session ? '/min-side' : '/log-ind'} safe>
                    {ctx.session ? t.myPage : t.signInLink}
                  </a>
                </span>
              </div>
            </div>
            <div class="solution-info">
              <div class="container solution-info-inner">
                <div class="solution-heading">
                  <a href="/" safe>
                    {t.siteTagline}
                  </a>
                </div>
              </div>
            </div>
          </header>
          <div class="container page-container">
            {breadcrumbs ? <Breadcrumbs ctx={ctx} crumbs={breadcrumbs} /> : ''}
            <main id="main-content" tabindex="-1">
              {children}
            </main>
          </div>
          <Footer ctx={ctx} organisers={organisers ?? []} />
          {ctx.session ? <SessionTimeoutDialog ctx={ctx} session={ctx.session} /> : ''}
        </body>
      </html>
    </>
  );
}

/** Whole minutes (rounded up) from a minute on, else seconds: "5 minutter", "45 sekunder". */
export function formatTimeLeft(texts: { minutes: string; minute: string; seconds: string; second: string }, seconds: number): string {
  if (seconds >= 60) {
    const m = Math.ceil(seconds / 60);
    return m === 1 ? texts.minute : texts.minutes.replace('{n}', String(m));
  }
  return seconds === 1 ? texts.second : texts.seconds.replace('{n}', String(Math.max(0, seconds)));
}

/**
 * The warning before the session times out: a DKFDS modal that needs an answer (no close
 * button; Escape means "stay"). Hidden until public/app.js opens it; without JavaScript the
 * session simply times out and the next page asks the visitor to sign in. The form's CSRF
 * token is filled in by app.js from /session/status, so a cached page never holds one.
 */
function SessionTimeoutDialog({ ctx, session }: { ctx: PageContext; session: { secondsLeft: number; warnSeconds: number } }) {
  const s = ctx.t.sessionTimeout;
  return (
    <div class="fds-modal-container">
      <Modal
        ctx={ctx}
        id="session-timeout"
        headingId="session-timeout-title"
        heading={s.title}
        forcedAction
        describedBy="session-timeout-text"
        data={{
          'data-seconds-left': String(session.secondsLeft),
          'data-warn-seconds': String(session.warnSeconds),
          'data-text-minutes': s.minutes,
          'data-text-minute': s.minute,
          'data-text-seconds': s.seconds,
          'data-text-second': s.second,
          'data-text-expired-title': s.expiredTitle,
        }}
        actions={
          <>
            <Button type="button" variant="primary" data={{ 'data-session-stay': true }} text={s.stay} />
            <form method="post" action="/log-ud" data-session-leave>
              <input type="hidden" name="_csrf" value="" />
              <Button variant="secondary" text={s.leave} />
            </form>
            <a class="button button-primary" href={`/log-ind?tilbage=${encodeURIComponent(ctx.path)}`} data-session-sign-in hidden safe>
              {s.signInAgain}
            </a>
          </>
        }
      >
        <p id="session-timeout-text" data-session-warning>
          <span safe>{s.body}</span>{' '}
          <strong data-session-countdown safe>
            {formatTimeLeft(s, session.warnSeconds)}
          </strong>
          .
        </p>
        <p id="session-timeout-expired" data-session-expired hidden safe>
          {s.expired}
        </p>
      </Modal>
    </div>
  );
}

function Footer({ ctx, organisers }: { ctx: PageContext; organisers: FooterOrganiser[] }) {
  const { t } = ctx;
  const back = encodeURIComponent(ctx.path);
  return (
    <footer>
      <div class="footer">
        <div class="container">
          <div class="row">
            <div class="col-12 col-md-6 footer-col">
              <h2 class="h5" safe>
                {organisers.length === 1 ? organisers[0]!.name : t.footer.organisers}
              </h2>
              {organisers.length === 0 ? (
                <p safe>{t.siteTagline}</p>
              ) : (
                <ul class="unstyled-list">
                  {organisers.map((o) => (
                    <li>
                      {organisers.length > 1 ? <strong safe>{o.name}</strong> : ''}
                      {o.websiteUrl ? (
                        <>
                          {organisers.length > 1 ? <br /> : ''}
                          <a href={o.websiteUrl} safe>
                            {o.websiteUrl.replace(/^https?:\/\//, '')}
                          </a>
                        </>
                      ) : (
                        ''
                      )}
                      {o.contactPhone ? (
                        <>
                          <br />
                          <span safe>{`${t.award.phone} ${o.contactPhone}`}</span>
                        </>
                      ) : (
                        ''
                      )}
                      {o.contactEmail ? (
                        <>
                          <br />
                          <a href={`mailto:${o.contactEmail}`} safe>
                            {o.contactEmail}
                          </a>
                        </>
                      ) : (
                        ''
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div class="col-12 col-md-6 footer-col">
              <h2 class="h5" safe>
                {t.footer.heading}
              </h2>
              <ul class="unstyled-list footer-links">
                <li>
                  <a href="/arkiv" safe>
                    {t.footer.archive}
                  </a>
                </li>
                <li>
                  <a href="/privatliv" safe>
                    {t.footer.privacy}
                  </a>
                </li>
                <li>
                  <a href="/tilgaengelighed" safe>
                    {t.footer.accessibility}
                  </a>
                </li>
                <li>
                  <a href="/api/v1/openapi.json" safe>
                    {t.footer.api}
                  </a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
      <nav class="language-switcher" aria-label={t.footer.languageLabel}>
        <div class="container">
          <ul>
            <li>
              <a href={`/sprog/da?tilbage=${back}`} lang="da" hreflang="da" aria-current={ctx.locale === 'da' ? 'true' : undefined}>
                Dansk
              </a>
            </li>
            <li>
              <a href={`/sprog/en?tilbage=${back}`} lang="en" hreflang="en" aria-current={ctx.locale === 'en' ? 'true' : undefined}>
                English
              </a>
            </li>
          </ul>
        </div>
      </nav>
    </footer>
  );
}
