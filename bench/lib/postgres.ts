import pg from 'pg';

/** "PostgreSQL 15.x", as the benchmarks' reports name the server they ran on. */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return `PostgreSQL ${(await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version}`;
  } finally {
    await client.end();
  }
}
