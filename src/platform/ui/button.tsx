import Html from '@kitajs/html';
import { attr } from '../html-attr.js';
import { Icon, type IconName } from './icon.js';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'warning' | 'unstyled';

type Common = {
  variant?: ButtonVariant;
  icon?: IconName;
  class?: string;
  id?: string;
  /** The button's text (escaped); or `children` for richer content. */
  text?: string;
  children?: Html.Children;
};

/** Escaped text without an element of its own, so the markup stays `<button …>Text</button>`. */
function Text({ text }: { text: string }) {
  return Html.escapeHtml(text);
}

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
    /** An accessible name that says more than the visible text (it must start with that text). */
    label?: string;
    /** The id of a text that describes the button (aria-describedby). */
    describedBy?: string;
    /** Extra data-* attributes for scripts, e.g. `{ 'data-session-stay': '' }`. */
    data?: Record<`data-${string}`, string | true>;
  },
) {
  return (
    <button
      type={p.type ?? 'submit'}
      form={p.form}
      formaction={p.formaction}
      name={p.name}
      value={p.value}
      class={buttonClass(p.variant, p.class)}
      id={p.id}
      disabled={p.disabled}
      aria-label={p.label}
      aria-describedby={p.describedBy}
      {...(p.data ?? {})}
    >
      {p.icon ? <Icon name={p.icon} /> : ''}
      {p.text === undefined ? '' : <Text text={p.text} />}
      {p.children}
    </button>
  );
}

/** A link that looks like a DKFDS button (a call to action that goes to another page). */
export function ButtonLink(p: Common & { href: string; download?: boolean }) {
  return (
    <a href={attr(p.href)} class={buttonClass(p.variant, p.class)} id={p.id} download={p.download ? '' : undefined}>
      {p.icon ? <Icon name={p.icon} /> : ''}
      {p.text === undefined ? '' : <Text text={p.text} />}
      {p.children}
    </a>
  );
}

/** DKFDS's row of buttons after a form. */
export function ButtonGroup({ children }: { children?: Html.Children }) {
  return <div class="button-row">{children}</div>;
}
