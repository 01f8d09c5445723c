import { createHash } from 'node:crypto';
import type { Authority } from '../platform/ui/index.js';
import type { OrganisationRow } from './awards.repo.js';
import { markText } from './brand.js';
import { awardsUrls as urls } from './urls.js';
import { privacyUrls } from '../privacy/urls.js';

/** A short version of what the mark and theme are drawn from, so their addresses change when the look does (and can be cached for a year). */
export function brandVersion(o: Pick<OrganisationRow, 'name' | 'brandColour' | 'markLetters'>): string {
  return createHash('sha256')
    .update(JSON.stringify([markText(o.name, o.markLetters), o.brandColour]))
    .digest('hex')
    .slice(0, 10);
}

/** The organisation as the authority in the DKFDS header of its pages: its mark, name and colour. */
export function authorityOf(o: OrganisationRow): Authority {
  const v = brandVersion(o);
  return {
    name: o.name,
    href: o.websiteUrl ?? urls.front(),
    markUrl: urls.mark({ slug: o.slug }, { v }),
    themeUrl: urls.theme({ slug: o.slug }, { v }),
    privacyHref: privacyUrls.policy({ slug: o.slug }),
    // The organisation's own statement on was.digst.dk when it has one; else the portal's.
    accessibilityHref: o.accessibilityUrl ?? '/tilgaengelighed',
  };
}
