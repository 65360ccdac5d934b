// An HTTP proxy in front of the API that can lose answers: a matching request is forwarded to the server
// whole, the server's answer is read to the end (so the server has done its work), and then the client's
// connection is destroyed instead of answering. Everything else (the app, the live stream) passes through.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  /** The server's status; `dropped` when the client never got it. */
  status: number;
  dropped: boolean;
}

export class AnswerDroppingProxy {
  /** Requests the proxy forwarded for which `watch` matched, in order. */
  readonly seen: ProxiedRequest[] = [];
  private dropLeft = 0;

  private constructor(
    private readonly server: Server,
    private readonly watch: (method: string, path: string) => boolean,
  ) {}

  /** Starts on 127.0.0.1 and a free port, forwarding to `upstream` (e.g. http://127.0.0.1:1234). */
  static async start(
    upstream: string,
    watch: (method: string, path: string) => boolean,
  ): Promise<AnswerDroppingProxy> {
    const target = new URL(upstream);
    const holder: { proxy?: AnswerDroppingProxy } = {};
    const server = createServer((req, res) => {
      holder.proxy?.forward(target, req, res);
    });
    const proxy = new AnswerDroppingProxy(server, watch);
    holder.proxy = proxy;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `n` watched requests reach the server, but their answers are lost. */
  dropNext(n = 1): void {
    this.dropLeft = n;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const watched = this.watch(method, path);
    const drop = watched && this.dropLeft > 0;
    if (drop) this.dropLeft--;
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...req.headers, host: target.host, connection: 'close' },
      },
      (answer) => {
        if (watched) {
          const key = req.headers['idempotency-key'];
          this.seen.push({
            method,
            path,
            idempotencyKey: typeof key === 'string' ? key : undefined,
            status: answer.statusCode ?? 0,
            dropped: drop,
          });
        }
        if (drop) {
          // The server answered; the tablet never hears it.
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      req.socket.destroy();
    });
    res.on('close', () => {
      upstream.destroy();
    });
    req.pipe(upstream);
  }
}
