import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Engine } from '../../src/db/database.js';

/**
 * Records the statements a piece of work sends to the real database engine, in order: every
 * `query` of a pg client on PostgreSQL (one round trip each), and on PGlite every statement its
 * wire protocol ends with a Sync message. Nothing is replaced: the statements run as they would.
 * BEGIN and COMMIT count as statements, as they are round trips.
 */
export async function recordStatements<T>(engine: Engine, db: Database, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  if (engine === 'postgres') {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      statements.push(typeof first === 'string' ? first : String((first as { text?: string }).text ?? ''));
      return original.apply(this, args);
    };
    try {
      return { result: await work(), statements };
    } finally {
      proto.query = original;
    }
  }
  const client = (db as unknown as { $client: PGlite }).$client;
  const original = client.execProtocolStream.bind(client);
  let text = '';
  const decoder = new TextDecoder();
  client.execProtocolStream = ((message: Uint8Array, options?: unknown) => {
    const kind = String.fromCharCode(message[0]!);
    // 'Q' (simple query: BEGIN, COMMIT) holds its text after the 5-byte header; 'P' (parse) after the statement's name.
    if (kind === 'Q') text = decoder.decode(message.subarray(5, message.length - 1));
    if (kind === 'P') {
      const body = message.subarray(5);
      const nameEnd = body.indexOf(0);
      text = decoder.decode(body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)));
    }
    if (kind === 'S') statements.push(text);
    return original(message, options as never);
  }) as typeof client.execProtocolStream;
  try {
    return { result: await work(), statements };
  } finally {
    client.execProtocolStream = original;
  }
}

/** The statements from BEGIN to COMMIT (or ROLLBACK), both included; throws unless there is exactly one transaction. */
export function transactionOf(statements: string[]): string[] {
  const first = (s: string) => s.trim().toLowerCase();
  const begins = statements.flatMap((s, i) => (first(s) === 'begin' ? [i] : []));
  const ends = statements.flatMap((s, i) => (['commit', 'rollback'].includes(first(s)) ? [i] : []));
  if (begins.length !== 1 || ends.length !== 1) throw new Error(`expected one transaction, got:\n${statements.join('\n---\n')}`);
  return statements.slice(begins[0], ends[0]! + 1);
}
