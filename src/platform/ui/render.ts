import Html from '@kitajs/html';

/**
 * A rendered page as a string. Pages use no async components, so Kita returns a string; a
 * Promise here would be a programming error, caught in tests.
 */
export function render(el: JSX.Element): string {
  if (typeof el !== 'string') throw new Error('render(): async components are not used in pages');
  return el;
}

export { Html };
