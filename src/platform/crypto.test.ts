import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPii, loadMasterKey, maskIdNumber, maskPhone } from './crypto.js';

describe('personal data crypto', () => {
  const pii = createPii(Buffer.alloc(32, 7));

  it('round-trips and never produces the same ciphertext twice', () => {
    const a = pii.encrypt('211221199001011235');
    const b = pii.encrypt('211221199001011235');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('199001');
    expect(pii.decrypt(a)).toBe('211221199001011235');
  });

  it('rejects a tampered ciphertext', () => {
    const blob = pii.encrypt('13812345678');
    blob[blob.length - 1] = (blob[blob.length - 1] ?? 0) ^ 1;
    expect(() => pii.decrypt(blob)).toThrow();
  });

  it('blind index is deterministic, normalised, keyed and field-separated', () => {
    expect(pii.blindIndex('phone', '138 1234 5678').equals(pii.blindIndex('phone', '13812345678'))).toBe(
      true,
    );
    expect(
      pii
        .blindIndex('idNumber', '21122119900101123x')
        .equals(pii.blindIndex('idNumber', '21122119900101123X')),
    ).toBe(true);
    expect(pii.blindIndex('phone', '13812345678').equals(pii.blindIndex('idNumber', '13812345678'))).toBe(
      false,
    );
    const other = createPii(Buffer.alloc(32, 8));
    expect(other.blindIndex('phone', '13812345678').equals(pii.blindIndex('phone', '13812345678'))).toBe(
      false,
    );
  });

  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('211221199001011235')).toBe('2****************5');
    expect(maskIdNumber('21122119900101123x')).toBe('2****************X');
    expect(maskIdNumber('211221900101123')).toBe('2*************3');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('***');
  });

  it('generates the master key once into the data dir with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-key-'));
    const k1 = loadMasterKey(dir, undefined);
    const k2 = loadMasterKey(dir, undefined);
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(dir, 'ab'.repeat(32)).equals(Buffer.alloc(32, 0xab))).toBe(true);
  });
});
