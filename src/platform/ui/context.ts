import type { Messages } from '../i18n/index.js';
import type { Locale } from '../time.js';

/** What every page needs to render its frame. Built once per request by `pageContext`. */
export type PageContext = {
  locale: Locale;
  t: Messages;
  /** The path of the current page, so the language switcher can return to it. */
  path: string;
  /**
   * Set when the visitor is signed in: the page then carries the DKFDS timeout warning, which
   * public/app.js opens `warnSeconds` before the session times out for inactivity.
   */
  session?: { secondsLeft: number; warnSeconds: number };
};
