// A fake network ticket printer for tests: a TCP server on 127.0.0.1 that records the bytes of each
// connection (one ticket each) and decodes their text from CP949, as an ESC/POS printer in Korean mode
// would print it. It can be stopped and started again on the same port (an outage), slowed (it reads
// late) or made to stall (it accepts and never reads, like a printer out of paper).
import { createServer, type Server, type Socket } from 'node:net';
import iconv from 'iconv-lite';

/** One connection's bytes, as received. */
export interface Received {
  bytes: Buffer;
  at: number;
}

// Argument byte counts of the ESC/POS commands the renderer sends (after ESC, GS or FS and the command byte).
const ESC_ARGS: Record<number, number> = {
  0x40: 0,
  0x52: 1,
  0x4d: 1,
  0x74: 1,
  0x61: 1,
  0x45: 1,
  0x21: 1,
  0x64: 1,
  0x4a: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x47: 1,
  0x56: 1,
  0x7b: 1,
};
const GS_ARGS: Record<number, number> = { 0x21: 1, 0x42: 1, 0x56: 1, 0x4c: 2, 0x57: 2 };
const FS_ARGS: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x43: 1, 0x21: 1, 0x2d: 1, 0x57: 1 };

/**
 * The text an ESC/POS ticket prints, one string per printed line: commands are skipped and the rest is
 * decoded as CP949 (the printer's Korean code page).
 */
export function ticketText(bytes: Uint8Array): string[] {
  const text: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    const table = b === 0x1b ? ESC_ARGS : b === 0x1d ? GS_ARGS : b === 0x1c ? FS_ARGS : undefined;
    if (table) {
      const cmd = bytes[i + 1] ?? 0;
      let args = table[cmd];
      if (args === undefined)
        throw new Error(`unknown command ${b.toString(16)} ${cmd.toString(16)} at ${i}`);
      // GS V m n: the partial/full cut with a feed takes a second argument.
      if (b === 0x1d && cmd === 0x56 && (bytes[i + 2] ?? 0) >= 0x41) args = 2;
      i += 1 + args;
      continue;
    }
    text.push(b);
  }
  return iconv
    .decode(Buffer.from(text), 'cp949')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
}

export class FakePrinter {
  readonly tickets: Received[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Delay before a connection's bytes are read and it is closed, in ms. */
  delayMs = 0;
  /** While true, connections are accepted and never read (out of paper). */
  stalled = false;
  /** Connections accepted (including stalled ones). */
  connections = 0;

  private constructor(public port: number) {}

  /** Starts a printer on a free port of 127.0.0.1. */
  static async start(): Promise<FakePrinter> {
    const p = new FakePrinter(0);
    await p.listen();
    return p;
  }

  /** Listens (again) on its port. */
  async listen(): Promise<void> {
    const server = createServer({ pauseOnConnect: true }, (socket) => {
      this.handle(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    this.server = server;
  }

  private handle(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.stalled) return;
    const chunks: Buffer[] = [];
    const read = () => {
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => {
        this.tickets.push({ bytes: Buffer.concat(chunks), at: Date.now() });
        socket.end();
      });
      socket.resume();
    };
    if (this.delayMs > 0) setTimeout(read, this.delayMs);
    else read();
  }

  /** Each ticket's printed lines. */
  texts(): string[][] {
    return this.tickets.map((t) => ticketText(t.bytes));
  }

  /** Each ticket's printed text as one string. */
  joined(): string[] {
    return this.texts().map((lines) => lines.join('\n'));
  }

  /** Stops listening and drops every connection (the printer is off); `listen()` brings it back. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server)
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
  }
}
