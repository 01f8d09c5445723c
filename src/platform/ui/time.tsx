import type Html from '@kitajs/html';

/** `<time>` with a machine-readable instant. */
export function Time({ at, children }: { at: Date; children?: Html.Children }) {
  return <time datetime={at.toISOString()}>{children}</time>;
}
