// The machine the figures were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tests/support/common.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  loadGenerator: string;
  sqlite: string;
  mariadb: string;
  redis: string;
  chromium: string;
}

function tryRun(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unavailable';
  }
}

function pkgVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '?';
  }
}

export function describeMachine(): Machine {
  const list = cpus();
  let os = `Linux ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) os = `${pretty[1]}, kernel ${release()}`;
  } catch {
    // keep the kernel only
  }
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os,
    node: process.version,
    loadGenerator: `autocannon ${pkgVersion('autocannon')} (in the bench process, 1 thread); SSE clients on node:http in the same process`,
    sqlite: `better-sqlite3 ${pkgVersion('better-sqlite3')}`,
    mariadb: /Distrib ([^,\s]+)/.exec(tryRun('mariadb', ['--version']))?.[1] ?? 'unavailable',
    redis: tryRun('redis-server', ['--version']).split(' ').slice(0, 3).join(' '),
    chromium: tryRun('/usr/bin/chromium', ['--version']),
  };
}

export function machineMarkdown(m: Machine): string {
  return [
    `| | |`,
    `|---|---|`,
    `| CPU | ${m.cores} cores, ${m.cpuModel} (load generator, servers, database and browser share them) |`,
    `| Memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| Load generator | ${m.loadGenerator} |`,
    `| Databases | SQLite via ${m.sqlite} (temp file, WAL); MariaDB ${m.mariadb} (throwaway database) |`,
    `| Redis | ${m.redis} (private instance on a spare port) |`,
    `| Browser | ${m.chromium} (headless, via playwright-core) |`,
  ].join('\n');
}
