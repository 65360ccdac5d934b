// Prints the gzipped size of the JavaScript the tablet loads at start (entry script plus its
// modulepreloaded chunks, read from dist/index.html) and fails above the budget (issue: 150 KB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { gzipSync } from 'node:zlib';

/** @param {string} line */
const say = (line) => process.stdout.write(`${line}\n`);
/** @param {string} line */
const fail = (line) => process.stderr.write(`${line}\n`);

// Counted in kB of 1000 bytes (as Vite prints sizes): the stricter reading of the budget.
const BUDGET = 150_000;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

/** @param {RegExp} re @returns {string[]} the first capture of every match */
const urls = (re) => [...html.matchAll(re)].map((m) => m[1] ?? '').filter(Boolean);
const initial = new Set([
  ...urls(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...urls(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
]);
const styles = urls(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);

/** @param {string} url */
const gz = (url) => gzipSync(readFileSync(join(dist, url.replace(/^\//, ''))), { level: 9 }).length;
const kb = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB (${n} bytes)`;

if (initial.size === 0) {
  fail('size: no module script found in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const url of initial) {
  const size = gz(url);
  total += size;
  say(`  ${url}  ${kb(size)} gzipped`);
}
for (const url of styles) say(`  ${url}  ${kb(gz(url))} gzipped (css, not counted)`);
say(`initial JS: ${kb(total)} gzipped (budget ${kb(BUDGET)})`);
// The UI catalogs other than Korean load on demand (shared/i18n/i18n.tsx): none may be in the initial JS.
const initialText = [...initial]
  .map((url) => readFileSync(join(dist, url.replace(/^\//, '')), 'utf8'))
  .join('');
for (const [lang, sample] of [
  ['en', 'Tablet setup'],
  ['ja', 'テーブルオーダー'],
  ['zh', '桌边点餐'],
]) {
  if (initialText.includes(sample)) {
    fail(`size: the ${lang} catalog is in the initial JS; it must load on demand`);
    process.exit(1);
  }
}
if (total > BUDGET) {
  fail(`size: initial JS is over budget by ${kb(total - BUDGET)}`);
  process.exit(1);
}
