import argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4). */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

let dummy: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown user) it still runs one
 * argon2 verification, so response time does not tell which usernames exist.
 */
export async function verifyPassword(stored: string | undefined, plain: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('wangge-dummy-password');
    await argon2.verify(await dummy, plain).catch(() => false);
    return false;
  }
  return argon2.verify(stored, plain).catch(() => false);
}
