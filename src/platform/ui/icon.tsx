import { ICON_SYMBOLS, type IconName } from './icon-symbols.js';

export type { IconName };

/**
 * A DKFDS icon (`icon_svg` in dkfds/src/components/icons/icons--svg.njk): decorative and
 * hidden from screen readers, unless it has a `label`, which then is its accessible name.
 */
export function Icon({ name, label, class: extra }: { name: IconName; label?: string; class?: string }) {
  return (
    <svg class={extra ? `icon-svg ${extra}` : 'icon-svg'} aria-label={label} focusable="false" aria-hidden={label ? undefined : 'true'}>
      <use href={`#${name}`}></use>
    </svg>
  );
}

// The symbols are constants copied from the DKFDS package (icon-symbols.ts), never user input.
const safeSymbols = Object.values(ICON_SYMBOLS).join('');

/** The hidden sprite every icon refers to (DKFDS `base-svg`), once at the top of each page's body. */
export function IconSprite() {
  return (
    <div class="hide-base-svg">
      <svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false">
        {safeSymbols}
      </svg>
    </div>
  );
}
