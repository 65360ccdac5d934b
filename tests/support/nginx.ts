// Runs the real Nginx with deploy/nginx/table-order.conf, its paths and ports rewritten for loopback.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort, sleep } from './common.js';
import { startProcess } from './processes.js';

export interface RunningNginx {
  httpUrl: string;
  httpsUrl: string;
  config: string;
  /** Nginx's error log so far (for failure messages). */
  errorLog(): string;
  stop(): Promise<void>;
}

/** Renders the deploy config for a loopback test: upstream ports, listen ports, paths, a self-signed cert. */
function renderConfig(opts: {
  upstreamPorts: number[];
  httpPort: number;
  httpsPort: number;
  dir: string;
  uploadDir: string;
}): string {
  const source = readFileSync(join(ROOT, 'deploy/nginx/table-order.conf'), 'utf8');
  const upstreams = opts.upstreamPorts
    .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  const out = source
    .replace(/(upstream table_order_api \{\n)(?:.*\n)*?(\s*keepalive)/, `$1${upstreams}\n$2`)
    .replaceAll('listen 80;', `listen 127.0.0.1:${opts.httpPort};`)
    .replaceAll('listen 443 ssl http2;', `listen 127.0.0.1:${opts.httpsPort} ssl http2;`)
    .replace(/^\s*listen \[::\].*\n/gm, '')
    .replaceAll('/etc/letsencrypt/live/table-order.example.com/fullchain.pem', join(opts.dir, 'cert.pem'))
    .replaceAll('/etc/letsencrypt/live/table-order.example.com/privkey.pem', join(opts.dir, 'key.pem'))
    .replaceAll('/var/log/nginx/', `${opts.dir}/`)
    .replaceAll('/var/www/letsencrypt', join(opts.dir, 'acme'))
    .replaceAll('/var/lib/table-order/uploads/', `${opts.uploadDir.replace(/\/$/, '')}/`)
    .replaceAll('/srv/table-order/current', ROOT)
    .replaceAll('table-order.example.com', 'localhost');
  const live = out
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
  if (/listen 80;|\/srv\/|\/var\/lib\/|\/etc\/letsencrypt/.test(live))
    throw new Error('unrendered path or port');
  return out;
}

/** Starts Nginx (daemon off, own prefix) in front of the given API ports. */
export async function startNginx(upstreamPorts: number[], uploadDir: string): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'to-nginx-'));
  mkdirSync(join(dir, 'acme'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const httpPort = await freePort();
  const httpsPort = await freePort();
  const config = renderConfig({ upstreamPorts, httpPort, httpsPort, dir, uploadDir });
  writeFileSync(join(dir, 'table-order.conf'), config);
  writeFileSync(
    join(dir, 'nginx.conf'),
    // Workers run as root only here, so they can read the test's private temp folders.
    `user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/table-order.conf;
}
`,
  );
  const proc = startProcess('nginx', 'nginx', [
    '-p',
    dir,
    '-c',
    join(dir, 'nginx.conf'),
    '-g',
    'daemon off;',
  ]);
  const httpsUrl = `https://localhost:${httpsPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${httpPort}/`, { redirect: 'manual' });
      break;
    } catch {
      if (proc.exited() || Date.now() > deadline) throw new Error(`nginx did not start: ${proc.output()}`);
      await sleep(100);
    }
  }
  return {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    httpsUrl,
    config,
    errorLog: () => {
      try {
        return (
          readFileSync(join(dir, 'error.log'), 'utf8') +
          readFileSync(join(dir, 'table-order.error.log'), 'utf8')
        );
      } catch {
        return '';
      }
    },
    stop: async () => {
      await proc.kill('SIGTERM'); // fast shutdown: open streams are cut, not waited for
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
