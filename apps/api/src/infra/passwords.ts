import { hash, verify } from '@node-rs/argon2';

/** argon2id cost: memory in KiB and iterations (one lane). */
export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
}

/**
 * OWASP's recommended minimum for argon2id (19 MiB, 2 iterations, 1 lane): the default, and the floor
 * production accepts (config). Tests configure a lower cost through ARGON2_MEMORY_KIB/ARGON2_TIME_COST.
 * argon2id is the library's default algorithm (its Algorithm enum is a const enum, which isolated
 * modules cannot import).
 */
const ARGON2_DEFAULT_COST: Argon2Cost = { memoryCost: 19_456, timeCost: 2 };

let cost: Argon2Cost = ARGON2_DEFAULT_COST;
// Verified against when the account does not exist, so both paths cost the same time.
let dummyHash: Promise<string> | undefined;

/**
 * Sets the cost of new hashes (from config, once per process: the server's runtime and the CLI).
 * Existing hashes keep the cost they were made with; verifying reads it from the hash.
 */
export function configurePasswordHashing(next: Argon2Cost): void {
  if (next.memoryCost === cost.memoryCost && next.timeCost === cost.timeCost) return;
  cost = { ...next };
  dummyHash = undefined;
}

/** Hashes a password as argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...cost, parallelism: 1 });
}

/** Verifies a password; with no hash, burns the same work and answers false (no user enumeration). */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
