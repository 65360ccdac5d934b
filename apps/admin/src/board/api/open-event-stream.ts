import { API_BASE, currentToken } from '../../shared/api';

/**
 * GET /admin/events, the store's live stream, with the session's token in the Authorization header
 * (never in the URL); without a token it answers 401 itself, so the stream reports the session ended.
 */
export function openEventStream(headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  const token = currentToken();
  if (!token) return Promise.resolve(new Response(null, { status: 401 }));
  return fetch(`${API_BASE}/admin/events`, {
    headers: { ...headers, authorization: `Bearer ${token}` },
    signal,
    cache: 'no-store',
  });
}
