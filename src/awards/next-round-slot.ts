import type { PageContext } from '../platform/ui/index.js';

/**
 * "Få besked, når der åbnes" on an award's page, when no round is open. The sign-up is the
 * outreach module's; awards sits below it and imports none of it, so outreach's plugin provides
 * its component here when it registers (the slot of edition-result.ts, again). Without it (an
 * app without outreach) nothing is shown.
 */
export type NextRoundSignupProps = { ctx: PageContext; award: { slug: string; name: string } };

let component: ((props: NextRoundSignupProps) => JSX.Element) | null = null;

/** Called by outreach's plugin when it registers. */
export function provideNextRoundSignup(c: (props: NextRoundSignupProps) => JSX.Element): void {
  component = c;
}

/** The sign-up's piece of the award page; `show` is false while a round is open for nominations. */
export function NextRoundSignupSlot(props: NextRoundSignupProps & { show: boolean }): JSX.Element {
  return component && props.show ? component(props) : '';
}
