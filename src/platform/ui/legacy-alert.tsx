import type Html from '@kitajs/html';

// Temporary, with ../layout.ts: the admin pages' old alert until they use the kit's `Alert`.

/** The old alert of the admin pages, until they use the kit's `Alert`. */
export function Alert({ variant, heading, children }: { variant: 'info' | 'success' | 'warning' | 'error'; heading?: string; children?: Html.Children }) {
  return (
    <div class={`alert alert-${variant}`} role={variant === 'error' ? 'alert' : undefined}>
      <div class="alert-body">
        {heading ? (
          <p class="alert-heading" safe>
            {heading}
          </p>
        ) : (
          ''
        )}
        <div class="alert-text">{children}</div>
      </div>
    </div>
  );
}
