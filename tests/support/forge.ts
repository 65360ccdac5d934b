// Forged and broken bearer tokens, derived from a real one: everything a client could try instead of
// logging in.
import { SignJWT, base64url, decodeJwt, generateKeyPair } from 'jose';

export interface TokenVariant {
  name: string;
  /** The Authorization header to send (undefined: none). */
  header: string | undefined;
}

const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
const dec = (s: string) =>
  JSON.parse(new TextDecoder().decode(base64url.decode(s))) as Record<string, unknown>;

/**
 * Every invalid way to present `valid` (a real token signed with `secret`): missing, malformed, expired,
 * tampered signature, tampered claims (`sid` pointed at `otherStoreId`), `alg: none`, HS512 with the
 * same secret, and RS256 with a key of our own.
 */
export async function invalidVariants(
  valid: string,
  secret: string,
  otherStoreId: number,
): Promise<TokenVariant[]> {
  const [h, p, s] = valid.split('.') as [string, string, string];
  const claims = decodeJwt(valid);
  const now = Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(secret);
  const resign = (alg: string, extra: Record<string, unknown> = {}) =>
    new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
  const expired = await resign('HS256', { iat: now - 20 * 3600, exp: now - 4 * 3600 });
  const hs512 = await resign('HS512');
  const { privateKey } = await generateKeyPair('RS256');
  const rs256 = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(privateKey);
  // Flip the first signature character (the last one may only carry padding bits).
  const flipped = `${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
  const none = `${enc({ ...dec(h), alg: 'none' })}.${p}.`;
  const otherStore = `${h}.${enc({ ...dec(p), sid: otherStoreId })}.${s}`;
  return [
    { name: 'no token', header: undefined },
    { name: 'malformed: not a JWT', header: 'Bearer not-a-jwt' },
    { name: 'malformed: wrong scheme', header: `Basic ${Buffer.from('owner:pw').toString('base64')}` },
    { name: 'malformed: empty bearer', header: 'Bearer ' },
    { name: 'malformed: three garbage segments', header: 'Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl' },
    { name: 'expired', header: `Bearer ${expired}` },
    { name: 'tampered signature', header: `Bearer ${h}.${p}.${flipped}` },
    { name: 'tampered claims (other store)', header: `Bearer ${otherStore}` },
    { name: 'alg: none', header: `Bearer ${none}` },
    { name: 'other algorithm: HS512, same secret', header: `Bearer ${hs512}` },
    { name: 'other algorithm: RS256', header: `Bearer ${rs256}` },
  ];
}
