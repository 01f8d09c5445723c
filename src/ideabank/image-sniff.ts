/**
 * What an uploaded image really is, by its bytes (never its name or the type the browser
 * claims): PNG, JPEG or WebP. Anything else is refused, and so is an image whose first
 * kilobyte holds markup a browser might sniff as HTML or SVG (a polyglot).
 */
export type ImageKind = 'png' | 'jpeg' | 'webp';

export const IMAGE_TYPES: Record<ImageKind, { mediaType: string; extension: string }> = {
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  webp: { mediaType: 'image/webp', extension: 'webp' },
};

/** At most this many bytes per image. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** At most this many images per solution. */
export const MAX_IMAGES = 6;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MARKUP = /<\s*(\?xml|!doctype|html|head|body|svg|script|iframe|object|embed)\b/i;

/** `data`: the image's first kilobyte (or all of it, if shorter); nothing after it is looked at. */
export function sniffImage(data: Buffer): ImageKind | null {
  if (data.length < 12) return null;
  let kind: ImageKind | null = null;
  if (data.subarray(0, 8).equals(PNG)) kind = 'png';
  else if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) kind = 'jpeg';
  else if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') kind = 'webp';
  if (kind === null) return null;
  if (MARKUP.test(data.toString('latin1', 0, Math.min(data.length, 1024)))) return null;
  return kind;
}
