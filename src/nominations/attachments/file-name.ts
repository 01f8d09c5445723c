import { FILE_KINDS, type FileKind } from './sniff.js';

/** The longest display name kept, in characters (code points), extension included. */
export const MAX_FILE_NAME_LENGTH = 200;

// C0 and C1 control characters and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Zero-width and bidirectional formatting characters: "rapport\u202Efdp.exe" shows as "rapportexe.pdf".
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// Characters Windows does not allow in file names; the download would be renamed anyway.
const RESERVED = /[<>:"|?*]/g;
// Extensions a user may have given a file of one of our kinds (or mistyped); they are replaced.
const KNOWN_EXTENSIONS = new Set([
  ...Object.values(FILE_KINDS).flatMap((k) => k.aliases),
  'doc',
  'docm',
  'dot',
  'dotx',
  'rtf',
  'odt',
  'txt',
  'htm',
  'html',
  'xhtml',
  'svg',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'heic',
  'heif',
  'zip',
]);

/**
 * The name shown for an attachment and given to its download. Never used as a path: the
 * bytes are stored under a random key. Keeps only the last part of a path (`../../etc/passwd`
 * → `passwd`), removes control and invisible characters, and ends the name in the extension
 * of what the content really is (`foto.pdf` holding a PNG → `foto.png`), at most 200 characters.
 */
export function cleanFileName(raw: string, kind: FileKind): string {
  let name = String(raw ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(CONTROL, '').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');

  const { extension, aliases } = FILE_KINDS[kind];
  let base = name;
  let ext = extension;
  const m = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(name);
  if (m && KNOWN_EXTENSIONS.has(m[2]!.toLowerCase())) {
    base = m[1]!.replace(/[\s.]+$/, '');
    if (aliases.includes(m[2]!.toLowerCase())) ext = m[2]!; // "Foto.JPEG" stays as the user wrote it
  }
  const room = MAX_FILE_NAME_LENGTH - ext.length - 1;
  const chars = Array.from(base);
  if (chars.length > room)
    base = chars
      .slice(0, room)
      .join('')
      .replace(/[\s.]+$/, '');
  return `${base || 'bilag'}.${ext}`;
}

const DANISH: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

/**
 * `Content-Disposition: attachment` with the name twice: plain ASCII for old clients and
 * UTF-8 (RFC 6266 / RFC 8187) for the rest. Nothing of the name can break out of the header.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .replace(/[æøåÆØÅ]/g, (c) => DANISH[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
