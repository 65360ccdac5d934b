import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Config } from '../config/index.js';

export type TokenClaims =
  | { kind: 'admin'; storeId: number; adminId: number; tokenVersion: number }
  | { kind: 'table'; storeId: number; tableId: number; tokenVersion: number };

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

export type VerifiedClaims = TokenClaims & { exp: number };

/** Verified tokens remembered (oldest dropped first beyond this many). */
const VERIFIED_CACHE_SIZE = 20_000;

/** Signs and verifies access tokens with the configured HMAC algorithm only (no `alg` downgrade). */
export class TokenService {
  private readonly key: Uint8Array;
  // A signature check depends only on the token and the key, so a token verified once is remembered
  // by its exact text; later requests with it only re-check the expiry (the WebCrypto HMAC check
  // costs about 150 µs a request). Revocation checks (table and admin token_version) stay per request.
  private readonly verified = new Map<string, VerifiedClaims>();

  constructor(
    private readonly jwt: Config['jwt'],
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(jwt.secret);
  }

  /** Issues a token that expires after the configured number of hours. */
  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const nowSec = Math.floor(this.now() / 1000);
    const exp = nowSec + Math.round(this.jwt.expireHours * 3600);
    const body =
      claims.kind === 'admin'
        ? { typ: 'admin', sid: claims.storeId, tv: claims.tokenVersion }
        : { typ: 'table', sid: claims.storeId, tv: claims.tokenVersion };
    const sub = claims.kind === 'admin' ? String(claims.adminId) : String(claims.tableId);
    const accessToken = await new SignJWT(body)
      .setProtectedHeader({ alg: this.jwt.algorithm, typ: 'JWT' })
      .setSubject(sub)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .sign(this.key);
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The claims of a token this service verified before and that has not expired since, without
   * awaiting anything; undefined when the token must go through `verify`.
   */
  verifiedBefore(token: string): VerifiedClaims | undefined {
    const known = this.verified.get(token);
    // Same rule as jose: expired once `exp` is not after the current second.
    return known && known.exp > Math.floor(this.now() / 1000) ? { ...known } : undefined;
  }

  /** Returns the claims of a valid token, or `undefined` for anything else (bad signature, expired, wrong alg). */
  async verify(token: string): Promise<VerifiedClaims | undefined> {
    const known = this.verifiedBefore(token);
    if (known) return known;
    if (this.verified.delete(token)) return undefined; // verified once, expired since
    const claims = await this.verifySignature(token);
    if (claims) {
      this.verified.set(token, claims);
      if (this.verified.size > VERIFIED_CACHE_SIZE) {
        const oldest = this.verified.keys().next().value;
        if (oldest !== undefined) this.verified.delete(oldest);
      }
      return { ...claims };
    }
    return undefined;
  }

  private async verifySignature(token: string): Promise<VerifiedClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [this.jwt.algorithm],
        currentDate: new Date(this.now()),
      });
      const sid = payload.sid;
      const id = Number(payload.sub);
      const exp = payload.exp ?? 0;
      if (typeof sid !== 'number' || !Number.isInteger(id) || id <= 0) return undefined;
      if (payload.typ === 'admin') {
        // Tokens of the release before accounts had versions carry none: version 0, every account's first.
        const tv = payload.tv ?? 0;
        if (typeof tv !== 'number') return undefined;
        return { kind: 'admin', storeId: sid, adminId: id, tokenVersion: tv, exp };
      }
      if (payload.typ === 'table' && typeof payload.tv === 'number') {
        return { kind: 'table', storeId: sid, tableId: id, tokenVersion: payload.tv, exp };
      }
      return undefined;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return undefined;
      throw err;
    }
  }
}
