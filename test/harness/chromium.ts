import { existsSync } from 'node:fs';

export const CHROMIUM_MISSING = 'Chromium was not found. Install it with `apt-get install chromium` (Debian), or set CHROMIUM_PATH to a Chromium binary.';

export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}
