import { connect } from 'node:net';

/** A failed send; `wrote` when some bytes left for the printer (the ticket may have printed). */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly wrote: boolean,
  ) {
    super(message);
  }
}

/**
 * Sends one ticket over raw TCP (port 9100 "JetDirect" printing) and resolves once the printer closed
 * the connection after ours, i.e. it read the whole ticket. Connecting and the whole write are each
 * bounded: a printer that is off, unplugged or out of paper (it stops reading) fails within them.
 */
export function sendToPrinter(
  host: string,
  port: number,
  bytes: Uint8Array,
  timeouts: { connectMs: number; writeMs: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const socket = connect({ host, port });
    const finish = (err?: PrintError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    let timer = setTimeout(() => {
      finish(new PrintError(`connect timeout after ${timeouts.connectMs} ms`, false));
    }, timeouts.connectMs);
    socket.setNoDelay(true);
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        finish(new PrintError(`write timeout after ${timeouts.writeMs} ms`, true));
      }, timeouts.writeMs);
      socket.end(bytes);
    });
    // The printer drains what it read and closes its side: the ticket is in.
    socket.on('data', () => undefined);
    socket.once('close', (hadError) => {
      if (!hadError) finish();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      finish(new PrintError(err.code ?? err.message, connected));
    });
  });
}
