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
