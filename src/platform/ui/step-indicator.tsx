import type { PageContext } from './context.js';
import { Icon } from './icon.js';

export type Step = {
  title: string;
  /** Where the step's page is. A step the user cannot go to yet has none and is shown disabled. */
  href?: string;
  current?: boolean;
  /** A step filled in: its number becomes a check mark (DKFDS state "success"). */
  done?: boolean;
  /** A step with errors (DKFDS state "error"). */
  error?: boolean;
  /** A line under the title (`step-information`). */
  info?: string;
};

function StepList({ ctx, steps }: { ctx: PageContext; steps: Step[] }) {
  return (
    <ol class="step-indicator">
      {steps.map((s, i) => {
        const n = i + 1;
        const disabled = !s.href;
        const classes = [disabled ? 'disabled' : '', s.current ? 'current' : '', s.error ? 'error' : ''].filter(Boolean).join(' ');
        const inner = (
          <>
            {s.error ? (
              <span class="step-icon">
                <Icon name="error" label={ctx.t.ui.stepError(n)} />
              </span>
            ) : s.done && !s.current ? (
              <span class="step-icon">
                <Icon name="check" label={ctx.t.ui.stepDone(n)} />
              </span>
            ) : (
              <span class="step-number">
                <span safe>{String(n)}</span>
              </span>
            )}
            <div>
              <span class="step-title" safe>
                {s.title}
              </span>
              {s.info ? (
                <span class="step-information" safe>
                  {s.info}
                </span>
              ) : (
                ''
              )}
            </div>
          </>
        );
        return (
          <li class={classes || undefined}>
            {disabled ? (
              <div class="step" aria-current={s.current ? 'step' : undefined}>
                {inner}
              </div>
            ) : (
              <a class="step" href={s.href} aria-current={s.current ? 'step' : undefined}>
                {inner}
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The DKFDS step indicator (dkfds/src/components/stepguide/stepguide.njk). From the `lg`
 * breakpoint up, the list of steps; on smaller screens DKFDS's compact variant: a button
 * "Trin 2 af 5" that opens the list in a modal (`step-indicator-button` + `modal-step-indicator`).
 * Steps not reached yet are `li.disabled` with no link; done steps show a check mark.
 *
 * Without JavaScript the button could not open its modal, so it starts `hidden` and a plain
 * "Trin 2 af 5" line (`step-subheading`, DKFDS's simple variant) stands in; public/app.js swaps
 * them before DKFDS.init.
 */
export function StepIndicator({ ctx, id = 'step-indicator', label, steps }: { ctx: PageContext; id?: string; label: string; steps: Step[] }) {
  const current = steps.findIndex((s) => s.current) + 1;
  const modalId = `${id}-modal`;
  return (
    <div class="step-indicator-wrapper">
      <nav class="d-none d-lg-block" aria-label={label}>
        <StepList ctx={ctx} steps={steps} />
      </nav>
      <p class="step-subheading d-lg-none" data-step-indicator-fallback safe>
        {ctx.t.ui.stepOf(current, steps.length)}
      </p>
      <button
        class="step-indicator-button d-lg-none"
        aria-haspopup="dialog"
        type="button"
        data-module="modal"
        data-target={modalId}
        data-step-indicator-button
        hidden
      >
        <span>
          <span safe>{ctx.t.ui.step}</span>
          <strong safe>{` ${current} `}</strong>
          <span safe>{`${ctx.t.ui.of} ${steps.length}`}</span>
        </span>
      </button>
      <div class="fds-modal modal-step-indicator" id={modalId} aria-hidden="true" role="dialog" aria-modal="true" aria-labelledby={`${modalId}-heading`}>
        <div class="modal-content">
          <div class="modal-header">
            <h2 class="modal-title" id={`${modalId}-heading`} safe>
              {label}
            </h2>
            <button type="button" class="modal-close function-link" data-modal-close>
              <Icon name="close" />
              <span safe>{ctx.t.ui.close}</span>
            </button>
          </div>
          <div class="modal-body">
            <nav aria-label={label}>
              <StepList ctx={ctx} steps={steps} />
            </nav>
          </div>
        </div>
      </div>
    </div>
  );
}
