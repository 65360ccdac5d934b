// Secrets a suite handled (passwords, tokens, Authorization values) and a scan of a server's log for them.
import { expect } from 'vitest';
import type { Scenario } from './figures.js';

export class Secrets {
  private readonly values = new Set<string>();

  /** Remembers a secret; for a JWT also its signature, which alone is enough to reuse it. */
  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (!v || v.length < 8) continue; // shorter values match by chance (request ids are hex)
      this.values.add(v);
      const m = /^(?:Bearer |Basic )?([\w-]+\.[\w-]+)\.([\w-]{16,})$/.exec(v);
      if (m) this.values.add(m[2] as string);
      if (v.startsWith('Bearer ') || v.startsWith('Basic ')) this.values.add(v.slice(v.indexOf(' ') + 1));
    }
  }

  get size(): number {
    return this.values.size;
  }

  /** Log lines that contain a secret or anything shaped like a credential. */
  scan(log: string): string[] {
    const shapes = [
      /Bearer\s+[\w-]{8,}/,
      /\beyJ[\w-]{8,}\.[\w-]{8,}/, // a JWT header and payload
      /"authorization"\s*:\s*"(?!\[redacted\])/i,
      /"password"\s*:\s*"(?!\[redacted\])/i,
      /"accessToken"\s*:\s*"(?!\[redacted\])/i,
    ];
    const bad: string[] = [];
    for (const line of log.split('\n')) {
      if (line.trim() === '') continue;
      const secret = [...this.values].find((v) => line.includes(v));
      const shape = shapes.find((r) => r.test(line));
      if (secret || shape) bad.push(`${secret ? 'secret' : String(shape)}: ${line.slice(0, 300)}`);
    }
    return bad;
  }
}

/** Lines of a pino log. */
export const logLines = (log: string) => log.split('\n').filter((l) => l.trim() !== '').length;

/**
 * The log check every security suite ends with: the server logged more than `minLines` lines and none of
 * them holds a secret or a credential's shape; the figures go to `scenario`, which passes.
 */
export async function passLogScan(
  scenario: Scenario,
  secrets: Secrets,
  log: string,
  minLines: number,
): Promise<void> {
  expect(logLines(log), 'the server logged requests').toBeGreaterThan(minLines);
  expect(secrets.scan(log)).toEqual([]);
  scenario
    .volume(`${logLines(log)} log lines`)
    .set('log lines scanned', logLines(log))
    .set('secrets searched for', secrets.size)
    .set('lines with a secret', 0);
  await scenario.pass('Passed: no log line holds a password, a token or an Authorization value.');
}
