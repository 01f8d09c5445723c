import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server on a free loopback port, from the Debian package's
 * initdb/pg_ctl. As root (CI) it runs as the `postgres` user, since PostgreSQL refuses root.
 */
export type PostgresServer = {
  url: (database: string) => string;
  port: number;
  /** Stops the server process but keeps its data, as a crash or restart would. */
  halt: () => void;
  /** Starts it again on the same port with the same data. */
  resume: () => void;
  /** Stops it for good and removes its data. */
  stop: () => void;
};

export const POSTGRES_MISSING =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `apt-get install postgresql` ' +
  '(Debian/Ubuntu), or set PG_BIN to the folder that holds initdb and pg_ctl.';

export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of ['/usr/local/pgsql/bin', '/usr/local/bin', '/usr/bin']) candidates.push(dir);
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[], asPostgres: boolean) {
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * `durable: true` keeps synchronous commits, so an acknowledged write survives `halt()` (an
 * immediate stop, like a crash). Without it the server trades durability for test speed.
 */
export async function startPostgresServer(opts: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'prisportal-pg-'));
  const dataDir = join(dir, 'data');
  if (isRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], isRoot);
  const resume = () =>
    run(
      join(bin, 'pg_ctl'),
      [
        '-D',
        dataDir,
        '-w',
        '-t',
        '30',
        '-l',
        join(dir, 'server.log'),
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off ${opts.durable ? '' : '-c synchronous_commit=off '}-c full_page_writes=off -c max_connections=200`,
        'start',
      ],
      isRoot,
    );
  const halt = () => run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], isRoot);
  resume();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      halt();
    } catch {
      // Already halted.
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { port, url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`, halt, resume, stop };
}
