// Server logs in failure reports (vitest only: the bench imports none of this).
import { onTestFailed } from 'vitest';
import type { ApiProcess } from './api-server.js';

/** Prints the end of each server's log when the current test fails (call at the start of a test). */
export function showLogsOnFailure(...servers: (ApiProcess | undefined)[]): void {
  onTestFailed(() => {
    for (const s of servers) {
      if (s)
        console.error(
          `--- ${s.baseUrl} (pid ${s.pid ?? '-'}) log, last 6000 characters ---\n${s.logs().slice(-6000)}`,
        );
    }
  });
}
