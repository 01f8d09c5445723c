import type Html from '@kitajs/html';
import type { PageContext } from './context.js';
import { Icon } from './icon.js';

/**
 * A DKFDS modal (dkfds/src/components/modal/modal.njk), hidden until a `[data-module="modal"]
 * [data-target=id]` button opens it (DKFDS.init). `forcedAction` leaves out the close button:
 * the user must choose one of the `actions`. Extra `data` attributes are for page scripts.
 */
export function Modal(p: {
  ctx: PageContext;
  id: string;
  heading: string;
  /** The heading's id (default `<id>-heading`, as DKFDS), when a script or test needs another. */
  headingId?: string;
  forcedAction?: boolean;
  describedBy?: string;
  data?: Record<`data-${string}`, string | true>;
  actions?: Html.Children;
  children?: Html.Children;
}) {
  // `actions` is rendered JSX (escaped where it was written), hence "safe".
  const { actions: safeActions, children } = p;
  const headingId = p.headingId ?? `${p.id}-heading`;
  return (
    <div
      class="fds-modal"
      id={p.id}
      aria-hidden="true"
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      aria-describedby={p.describedBy}
      data-modal-forced-action={p.forcedAction === true}
      {...(p.data ?? {})}
    >
      <div class="modal-content">
        <div class="modal-header">
          <h2 class="modal-title" id={headingId} safe>
            {p.heading}
          </h2>
          {p.forcedAction ? (
            ''
          ) : (
            <button type="button" class="modal-close function-link" data-modal-close>
              <Icon name="close" />
              <span safe>{p.ctx.t.ui.close}</span>
            </button>
          )}
        </div>
        <div class="modal-body">{children}</div>
        {safeActions ? <div class="modal-footer">{safeActions}</div> : ''}
      </div>
    </div>
  );
}

/** The button that opens modal `target`. */
export function ModalButton({
  target,
  variant = 'secondary',
  children,
}: {
  target: string;
  variant?: 'primary' | 'secondary' | 'tertiary';
  children?: Html.Children;
}) {
  return (
    <button type="button" class={`button button-${variant}`} data-module="modal" data-target={target} aria-haspopup="dialog">
      {children}
    </button>
  );
}
