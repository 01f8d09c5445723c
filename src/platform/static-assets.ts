import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot, publicFolder } from './paths.js';

/**
 * Static files: our own (`public/`, at /static/) and Det Fælles Designsystem's (the installed
 * package's `dist/`, at /dkfds/). Pages refer to them by fingerprinted names —
 * `/static/app.3f9a1c2b.css` (the first 8 hex digits of the file's SHA-256) and
 * `/dkfds/v11.2.0/css/dkfds.min.css` (the package's version as a folder, so the stylesheet's
 * `../fonts` and `../img` carry it too) — which are cached for a year as immutable: a changed
 * file gets a new name. The plain names still answer, with a one-hour cache.
 *
 * Text files are sent compressed with brotli or gzip, as the browser accepts: each is compressed
 * once per process, off the event loop, on its first request, and kept in memory with the file:
 * only files that are asked for (the pages use DKFDS's stylesheet, script, a few fonts and
 * icons: a few hundred kilobytes, of the package's 17 MB). DKFDS's 215 KB stylesheet goes out as
 * 21.5 KB with brotli.
 */

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const IMMUTABLE = `public, max-age=${YEAR_SECONDS}, immutable`;
const SHORT = 'public, max-age=3600';

const TYPES: Record<string, { type: string; compress: boolean }> = {
  '.css': { type: 'text/css; charset=utf-8', compress: true },
  '.js': { type: 'text/javascript; charset=utf-8', compress: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compress: true },
  '.map': { type: 'application/json; charset=utf-8', compress: true },
  '.json': { type: 'application/json; charset=utf-8', compress: true },
  '.svg': { type: 'image/svg+xml', compress: true },
  '.ttf': { type: 'font/ttf', compress: true },
  '.woff': { type: 'font/woff', compress: false },
  '.woff2': { type: 'font/woff2', compress: false },
  '.png': { type: 'image/png', compress: false },
  '.jpg': { type: 'image/jpeg', compress: false },
  '.ico': { type: 'image/x-icon', compress: true },
};

const dkfdsRoot = join(projectRoot, 'node_modules', 'dkfds', 'dist');
const dkfdsVersion = `v${(JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'dkfds', 'package.json'), 'utf8')) as { version: string }).version}`;

const fingerprints = new Map<string, string>();

/** The first 8 hex digits of a file's SHA-256. */
function fingerprintOf(file: string): string {
  let f = fingerprints.get(file);
  if (f === undefined) {
    f = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 8);
    fingerprints.set(file, f);
  }
  return f;
}

/** The fingerprinted address of a file in public/: staticAsset('app.css') → "/static/app.3f9a1c2b.css". */
export function staticAsset(name: string): string {
  const ext = extname(name);
  return `/static/${name.slice(0, name.length - ext.length)}.${fingerprintOf(join(publicFolder, name))}${ext}`;
}

/** The versioned address of a file of DKFDS's dist/: dkfdsAsset('css/dkfds.min.css') → "/dkfds/v11.2.0/css/dkfds.min.css". */
export function dkfdsAsset(path: string): string {
  return `/dkfds/${dkfdsVersion}/${path}`;
}

type Entry = { body: Buffer; type: string; compress: boolean; etag: string; br?: Promise<Buffer>; gz?: Promise<Buffer> };

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The file under `root` that a request path names, or null for anything outside it or not served. */
function fileUnder(root: string, path: string): string | null {
  if (path === '' || path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  if (!TYPES[extname(path).toLowerCase()]) return null;
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

/** Which encoding the browser takes, brotli first; null for none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/** Serves static files with fingerprinted long-lived caching and compression (see the module comment). */
export async function staticFiles(app: FastifyInstance) {
  const entries = new Map<string, Promise<Entry | null>>();

  const load = (file: string): Promise<Entry | null> => {
    let e = entries.get(file);
    if (!e) {
      e = readFile(file).then(
        (body) => {
          const t = TYPES[extname(file).toLowerCase()]!;
          return { body, type: t.type, compress: t.compress && body.length > 1024, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
        },
        () => null,
      );
      entries.set(file, e);
      // A missing file is not remembered: it may be a typo now and a file after a deploy.
      void e.then((v) => v === null && entries.delete(file));
    }
    return e;
  };

  const send = async (request: FastifyRequest, reply: FastifyReply, file: string | null, immutable: boolean) => {
    const entry = file ? await load(file) : null;
    if (!entry) return reply.callNotFound();
    reply.header('content-type', entry.type);
    reply.header('cache-control', immutable ? IMMUTABLE : SHORT);
    reply.header('etag', entry.etag);
    if (entry.compress) reply.header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    const encoding = entry.compress ? chooseEncoding(request.headers['accept-encoding']) : null;
    if (encoding === 'br') {
      entry.br ??= brotli(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.length } });
      reply.header('content-encoding', 'br');
      return reply.send(await entry.br);
    }
    if (encoding === 'gzip') {
      entry.gz ??= gzipAsync(entry.body, { level: 9 });
      reply.header('content-encoding', 'gzip');
      return reply.send(await entry.gz);
    }
    return reply.send(entry.body);
  };

  // HEAD is answered by Fastify from GET.
  app.get<{ Params: { '*': string } }>('/dkfds/*', { config: { access: 'public' }, logLevel: 'warn' }, (request, reply) => {
    const path = request.params['*'];
    const versioned = path.startsWith(`${dkfdsVersion}/`);
    const rest = versioned ? path.slice(dkfdsVersion.length + 1) : path;
    // The package's SCSS sources are not part of the site.
    const file = rest.startsWith('scss/') ? null : fileUnder(dkfdsRoot, rest);
    return send(request, reply, file, versioned);
  });

  app.get<{ Params: { '*': string } }>('/static/*', { config: { access: 'public' }, logLevel: 'warn' }, (request, reply) => {
    const path = request.params['*'];
    // "app.3f9a1c2b.css": the file app.css, immutable when the fingerprint is its own.
    const m = /^(.+)\.([0-9a-f]{8})(\.[a-z0-9]+)$/.exec(path);
    const plain = m ? `${m[1]}${m[3]}` : path;
    const file = fileUnder(publicFolder, plain);
    const immutable = m !== null && file !== null && safeFingerprint(file) === m[2];
    return send(request, reply, file, immutable);
  });
}

function safeFingerprint(file: string): string | null {
  try {
    return fingerprintOf(file);
  } catch {
    return null;
  }
}
