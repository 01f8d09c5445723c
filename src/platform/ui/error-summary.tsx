import type { PageContext } from './context.js';
import { Icon } from './icon.js';

/**
 * The one error shape of every form: `field` is the id of the input (or of a group's first
 * input) the message belongs to, so the summary links to it and the field shows it beside it.
 */
export type FieldError = {
  field: string;
  message: string;
  /**
   * The id of the input the summary links to when it is not `field`: the time of a date and
   * time pair (`closesAt` → `closesAt-time`), a radio group's first option, a list's add button.
   */
  target?: string;
  /** Where the field is when it is on another page (e.g. "Tjek dine svar" links to each step). */
  href?: string;
};

/** The message of `field`, or undefined. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/**
 * The DKFDS error summary above the h1: an error alert with the heading "Der er problemer" and a
 * link to each field (`heading` only where the page's situation needs other words). `tabindex="-1"` so DKFDS's `error-summary` module (and app.js) can focus it.
 */
export function ErrorSummary({ ctx, errors, heading }: { ctx: PageContext; errors: readonly FieldError[]; heading?: string }) {
  if (errors.length === 0) return '';
  return (
    <div class="alert alert-error" role="alert" aria-labelledby="error-summary-heading" data-module="error-summary" id="error-summary" tabindex="-1">
      <Icon name="error" class="alert-icon" label={ctx.t.ui.alertIcon.error} />
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-heading" safe>
          {heading ?? ctx.t.ui.errorSummaryHeading}
        </h2>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li>
              <a href={e.href ?? `#${e.target ?? e.field}`} class="function-link" safe>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
