import { existsSync } from 'node:fs';

export const CHROMIUM_MISSING =
  'Chromium was not found. Install it with `apt-get install chromium-headless-shell` (Debian), or set CHROMIUM_PATH to a Chromium binary.';

/**
 * The Chromium the browser tests drive. Debian's `chromium-headless-shell` first: the same
 * Chromium (same version, same Blink and V8) built as a headless shell without the browser's UI
 * layers, which is what Playwright itself drives for headless tests. Measured on the browser
 * tests here, it spends about half the CPU of the full `chromium` binary run headless (README,
 * "How fast the suite runs"). The full browser stays a fallback.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}
