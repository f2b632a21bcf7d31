import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest (PIPL): AES-256-GCM ciphertext plus a keyed hash (HMAC-SHA256)
 * so that an exact value can be searched without decrypting. Both keys are derived
 * (HKDF) from one 32-byte master key: WANGGE_SECRET_KEY, or `<dataDir>/secret.key`,
 * generated with mode 0600 on first start.
 */
export type Pii = {
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
  /** Keyed hash of a normalised value; `field` separates the ID-number and phone spaces. */
  blindIndex(field: 'idNumber' | 'phone', plain: string): Buffer;
};

const VERSION = 1;

export function loadMasterKey(dataDir: string, hexFromEnv: string | undefined): Buffer {
  if (hexFromEnv) return Buffer.from(hexFromEnv, 'hex');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} does not hold a 64-hex-character key`);
    return Buffer.from(hex, 'hex');
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process wrote meanwhile.
  try {
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(dataDir, undefined);
    throw err;
  }
  return key;
}

export function createPii(masterKey: Buffer): Pii {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('wangge pii encryption v1');
  const macKey = derive('wangge pii blind index v1');
  // fresh random IVs taken from a pool filled 4,096 at a time: one call into the CSPRNG per pool
  // rather than per value (the demo's population encrypts ≈500,000 values); each IV is used once
  let ivs = Buffer.alloc(0);
  let next = 0;
  const freshIv = () => {
    if (next + 12 > ivs.length) {
      ivs = randomBytes(12 * 4096);
      next = 0;
    }
    next += 12;
    return ivs.subarray(next - 12, next);
  };
  return {
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob[0] !== VERSION) throw new Error('unknown ciphertext version');
      const decipher = createDecipheriv('aes-256-gcm', encKey, blob.subarray(1, 13));
      decipher.setAuthTag(blob.subarray(13, 29));
      return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8');
    },
    blindIndex(field, plain) {
      return createHmac('sha256', macKey)
        .update(`${field}:${normalise(plain)}`)
        .digest();
    },
  };
}

function normalise(v: string): string {
  return v.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * 211221199001011234 -> 2****************4. Only the first and the last character: the
 * region prefix, the birth date and the sequence stay hidden, so the mask shown beside a
 * birth year (or a village, or a gender) can never be completed into the number.
 */
export function maskIdNumber(v: string): string {
  const s = normalise(v);
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 1)}${'*'.repeat(s.length - 2)}${s.slice(-1)}`;
}

/** 13812345678 -> 138****5678 */
export function maskPhone(v: string): string {
  const s = normalise(v);
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

type Sealed<K extends string> = { [P in `${K}_enc` | `${K}_hash`]: Buffer } & {
  [P in `${K}_masked`]: string;
};
type Absent<K extends string> = { [P in `${K}_enc` | `${K}_hash` | `${K}_masked`]: null };

/** A phone as its three stored columns: ciphertext, blind index (exact search), mask (shown). */
export function phoneColumns(pii: Pii, phone: string): Sealed<'phone'>;
export function phoneColumns(pii: Pii, phone: string | null | undefined): Sealed<'phone'> | Absent<'phone'>;
export function phoneColumns(pii: Pii, phone: string | null | undefined) {
  return phone
    ? {
        phone_enc: pii.encrypt(phone),
        phone_hash: pii.blindIndex('phone', phone),
        phone_masked: maskPhone(phone),
      }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
}

/** An ID number as its three stored columns: ciphertext, blind index (exact search), mask (shown). */
export function idNumberColumns(pii: Pii, idNumber: string): Sealed<'id_number'>;
export function idNumberColumns(
  pii: Pii,
  idNumber: string | null | undefined,
): Sealed<'id_number'> | Absent<'id_number'>;
export function idNumberColumns(pii: Pii, idNumber: string | null | undefined) {
  return idNumber
    ? {
        id_number_enc: pii.encrypt(idNumber),
        id_number_hash: pii.blindIndex('idNumber', idNumber),
        id_number_masked: maskIdNumber(idNumber),
      }
    : { id_number_enc: null, id_number_hash: null, id_number_masked: null };
}
