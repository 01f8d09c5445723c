import type Html from '@kitajs/html';
import { Icon, type IconName } from './icon.js';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'warning' | 'unstyled';

type Common = {
  variant?: ButtonVariant;
  icon?: IconName;
  class?: string;
  id?: string;
  children?: Html.Children;
};

const buttonClass = (variant: ButtonVariant | undefined, extra?: string) => `button${variant ? ` button-${variant}` : ''}${extra ? ` ${extra}` : ''}`;

/** A DKFDS button (dkfds/src/components/buttons/buttons.njk); `type` submit unless said otherwise. */
export function Button(
  p: Common & {
    type?: 'submit' | 'button' | 'reset';
    name?: string;
    value?: string;
    form?: string;
    formaction?: string;
    disabled?: boolean;
    /** Extra data-* attributes for scripts, e.g. `{ 'data-session-stay': '' }`. */
    data?: Record<`data-${string}`, string>;
  },
) {
  return (
    <button
      type={p.type ?? 'submit'}
      class={buttonClass(p.variant, p.class)}
      id={p.id}
      name={p.name}
      value={p.value}
      form={p.form}
      formaction={p.formaction}
      disabled={p.disabled}
      {...(p.data ?? {})}
    >
      {p.icon ? <Icon name={p.icon} /> : ''}
      {p.children}
    </button>
  );
}

/** A link that looks like a DKFDS button (a call to action that goes to another page). */
export function ButtonLink(p: Common & { href: string; download?: boolean }) {
  return (
    <a href={p.href} class={buttonClass(p.variant, p.class)} id={p.id} download={p.download ? '' : undefined}>
      {p.icon ? <Icon name={p.icon} /> : ''}
      {p.children}
    </a>
  );
}

/** DKFDS's row of buttons after a form. */
export function ButtonGroup({ children }: { children?: Html.Children }) {
  return <div class="button-row">{children}</div>;
}
