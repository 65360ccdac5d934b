import { createHash } from 'node:crypto';

/** Headers every response carries, whatever answers it (routes, the error handler, framework errors). */
export const BASE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/** The API answers JSON only, so its CSP forbids everything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Every header of an API answer, CSP included (framework and connection errors, which no hook sees). */
export const API_SECURITY_HEADERS = { ...BASE_SECURITY_HEADERS, 'content-security-policy': API_CSP } as const;

/**
 * The apps' CSP: scripts from their own origin only, plus the inline scripts named by `scriptHashes`
 * (`'sha256-…'` sources, see inlineScriptHashes); images may come from the image storage's origin.
 */
export function appCsp(imageOrigin: string | undefined, scriptHashes: readonly string[] = []): string {
  const img = ["'self'", 'data:', 'blob:', ...(imageOrigin ? [imageOrigin] : [])].join(' ');
  const scripts = ["'self'", ...scriptHashes].join(' ');
  return `default-src 'self'; script-src ${scripts}; style-src 'self' 'unsafe-inline'; img-src ${img}; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

/**
 * The CSP sources (`'sha256-<base64>'`) of every inline script in an HTML page, so a page built with one
 * (the tablet's menu bootstrap) runs exactly it and nothing else inline. Hashed as the browser does: the
 * UTF-8 bytes between `<script>` and `</script>`.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[2] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}
