// The journeys' browser (the shared Chromium launcher), their screenshot folder and a JSON API call.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium.js';
import { ROOT } from '../../tests/support/common.js';
import { http } from '../../tests/support/http.js';

const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

/** Launches headless Debian Chromium (screenshots go to ARTIFACTS). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchChromium();
}

/** Path for a screenshot artifact. */
export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

/** A JSON API call with a bearer token (through the shared HTTP client). */
export async function api<T = unknown>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const r = await http(baseUrl, method, path, { token, body, headers });
  return { status: r.status, body: (r.text ? JSON.parse(r.text) : undefined) as T };
}
