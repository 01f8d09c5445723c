import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (smtp-server) on a free loopback port that keeps every message it
 * accepts, parsed with mailparser. It can refuse messages for a while (451 temporary,
 * 550 permanent) and be stopped and started again on the same port ("SMTP is down").
 * No TLS and no login: tests connect with `smtp://127.0.0.1:<port>`.
 */
export type ReceivedMail = {
  /** The SMTP envelope, as the client sent it (MAIL FROM, RCPT TO). */
  envelope: { from: string; to: string[]; smtpUtf8: boolean };
  parsed: ParsedMail;
  raw: Buffer;
};

export type SmtpMode = 'accept' | 'temporary' | 'permanent';

export type TestSmtpServer = {
  port: number;
  url: string;
  /** Every message accepted so far, in order of arrival. */
  received: ReceivedMail[];
  /** How many messages were refused (451 or 550) so far. */
  refused: number;
  /** 'accept' (default), 'temporary' (451 to DATA) or 'permanent' (550 to DATA). */
  setMode(mode: SmtpMode): void;
  /** Resolves when at least `count` messages have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  /** Stops listening (connections are refused) but keeps what arrived. */
  halt(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  close(): Promise<void>;
};

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let mode: SmtpMode = 'accept';
  let refused = 0;
  let server: SMTPServer | null = null;
  let port = 0;
  const waiters = new Set<() => void>();

  const create = () =>
    new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      // SMTPUTF8 and 8BITMIME are offered by default; UTF-8 addresses depend on them.
      size: 25 * 1024 * 1024,
      closeTimeout: 500,
      disableReverseLookup: true,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', (err) => callback(err));
        stream.on('end', () => {
          if (mode !== 'accept') {
            refused++;
            const err = new Error(mode === 'temporary' ? 'Try again later (test)' : 'Mailbox unavailable (test)') as Error & { responseCode: number };
            err.responseCode = mode === 'temporary' ? 451 : 550;
            callback(err);
            return;
          }
          const raw = Buffer.concat(chunks);
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            smtpUtf8: Boolean(session.envelope.smtpUtf8),
          };
          simpleParser(raw)
            .then((parsed) => {
              received.push({ envelope, parsed, raw });
              for (const w of waiters) w();
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });

  const listen = (s: SMTPServer, p: number) =>
    new Promise<number>((resolve, reject) => {
      s.on('error', reject);
      s.listen(p, '127.0.0.1', () => {
        const address = s.server.address();
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('SMTP test server has no port'));
      });
    });

  const closeServer = async () => {
    const s = server;
    server = null;
    if (!s) return;
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  server = create();
  port = await listen(server, 0);

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refused() {
      return refused;
    },
    setMode(m) {
      mode = m;
    },
    waitFor(count, timeoutMs = 5_000) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} e-mails at the test SMTP server, got ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    clear() {
      received.length = 0;
      refused = 0;
    },
    halt: closeServer,
    async resume() {
      if (server) return;
      server = create();
      await listen(server, port);
    },
    close: closeServer,
  };
}
