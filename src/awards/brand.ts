/**
 * An organisation's look within DKFDS: a primary colour and a mark (a logo) in the header.
 *
 * Pure rules, no I/O. The colour must give white text (DKFDS's primary buttons, the header's
 * mark) a contrast of at least 4.5:1 (WCAG 2.1 AA for normal text), so an organisation cannot
 * make its own buttons unreadable. The mark is never an uploaded file: an uploaded SVG can
 * carry scripts and an uploaded image must be sniffed, limited and stored; the mark is drawn
 * here from at most three letters the administrator chooses and the colour, as a plain SVG
 * whose every character is ours (docs/decisions/0007-organisation-brand.md).
 */

/** DKFDS's own primary colour (gray-600), used where no organisation's colour applies. */
export const DEFAULT_BRAND_COLOUR = '#454545';

/** The portal's own colour on pages of several organisations (the front page, the idea bank). */
export const PORTAL_BRAND_COLOUR = '#004993';

const HEX = /^#[0-9a-f]{6}$/;

/** A colour as typed ("#1A5C8E", "1a5c8e") in the one form stored: "#1a5c8e"; null when it is not one. */
export function normaliseColour(typed: string): string | null {
  const s = typed.trim().toLowerCase();
  const withHash = s.startsWith('#') ? s : `#${s}`;
  return HEX.test(withHash) ? withHash : null;
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.1 relative luminance of a "#rrggbb" colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two "#rrggbb" colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The least contrast white text must have on the colour (WCAG 2.1 AA, normal text). */
export const MIN_CONTRAST = 4.5;

export type ColourProblem = 'format' | 'contrast';

/** Why a typed colour cannot be an organisation's primary colour, or null when it can. */
export function brandColourProblem(typed: string): ColourProblem | null {
  const c = normaliseColour(typed);
  if (c === null) return 'format';
  return contrastRatio(c, '#ffffff') < MIN_CONTRAST ? 'contrast' : null;
}

/** The colour darkened by a share (0–1) towards black: DKFDS's hover shade of a primary button. */
export function darken(hex: string, share: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(c * (1 - share))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const INITIALS = /^[\p{Lu}\p{Ll}\p{Nd}]{1,3}$/u;

/** Whether typed letters can be a mark: one to three letters or digits, nothing else. */
export function isMarkText(s: string): boolean {
  return INITIALS.test(s.normalize('NFC'));
}

/** The letters of an organisation's mark: the chosen ones, else the initials of its name's first words ("Region Midtjylland" → "RM"). */
export function markText(name: string, chosen: string | null): string {
  if (chosen && isMarkText(chosen)) return chosen.normalize('NFC').toUpperCase();
  const letters = name
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => [...w].find((ch) => /[\p{L}\p{Nd}]/u.test(ch)) ?? '')
    .filter(Boolean)
    .slice(0, 3)
    .join('');
  return (letters || 'P').toUpperCase();
}

/**
 * The organisation's mark as an SVG image: its letters in white on its colour, in a rounded
 * square. Only the letters vary, and they are checked to be letters or digits (and escaped all
 * the same), so the document holds no markup of anyone else's; it is served as an image with a
 * CSP that forbids scripts and styles from elsewhere.
 */
export function markSvg(letters: string, colour: string): string {
  const text = (isMarkText(letters) ? letters : 'P').replace(/[&<>"']/g, '');
  const fill = normaliseColour(colour) ?? DEFAULT_BRAND_COLOUR;
  const size = text.length === 1 ? 30 : text.length === 2 ? 24 : 18;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48"><rect width="48" height="48" rx="8" fill="${fill}"/><text x="24" y="24" dy="0.35em" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-weight="700" font-size="${size}" fill="#ffffff">${text}</text></svg>`;
}

/** The theme's CSS: the custom properties app.css reads for DKFDS's primary components. */
export function themeCss(colour: string): string {
  const c = normaliseColour(colour) ?? DEFAULT_BRAND_COLOUR;
  return `:root{--brand-primary:${c};--brand-primary-dark:${darken(c, 0.35)};}\n`;
}
