import { createHash, randomBytes } from 'node:crypto';

/**
 * System account keys: 32 random bytes, base64url, with a recognisable prefix (secret scanners,
 * logs). Shown once; only the SHA-256 is stored — as Open311's keys (open311/keys.ts): a key this
 * long needs no slow hash, and a lookup by hash is one index probe per call.
 */
export const KEY_PREFIX = 'wg_sys_';
export const generateSystemKey = (): string => `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
export const hashSystemKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** A subscriber's signing secret (shown once to the administrator, kept encrypted). */
export const generateSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;
