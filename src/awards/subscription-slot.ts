import type { PageContext } from '../platform/ui/index.js';

/**
 * The spot on an award page for "Få besked, når der åbnes" (a subscription to the next round),
 * shown when no round is open and no next opening is published. The form belongs to the module
 * that keeps subscriptions (outreach), which sits above awards: its plugin provides the form
 * here when it registers, as publication provides the result (edition-result.ts). Without it
 * the page says only that the next round is not announced yet.
 */

export type SubscriptionProps = {
  ctx: PageContext;
  award: { id: number; slug: string; name: string };
};

export type SubscriptionSource = { Form(props: SubscriptionProps): JSX.Element };

let source: SubscriptionSource | null = null;

/** Called by the subscriptions module's plugin when it registers. */
export function provideSubscription(s: SubscriptionSource): void {
  source = s;
}

/** The subscription form for the award, or '' when no module provides one. */
export function SubscriptionSlot(props: SubscriptionProps): JSX.Element {
  return source ? source.Form(props) : '';
}
