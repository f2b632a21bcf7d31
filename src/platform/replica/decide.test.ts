import { describe, expect, it } from 'vitest';
import { chooseRead, formatLsn, parseLsn, type ReplicaState } from './decide.js';

const up = (replay: string | null, lagMs = 0): ReplicaState => ({
  up: true,
  checkedAt: 0,
  replayLsn: replay === null ? null : parseLsn(replay)!,
  lagMs,
});

describe('WAL positions', () => {
  it('parses and prints pg_lsn text, comparing as numbers', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn('16/b374d848')!)).toBe('16/B374D848');
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
  });

  it.each(['', '16', '16/', '/1', 'G/1', '123456789/0', '1/0 ', '１/0', '0/0\u0000', '-1/0', '0x1/0'])(
    'refuses %j',
    (text) => expect(parseLsn(text)).toBeUndefined(),
  );
});

describe('chooseRead', () => {
  const max = 5000;
  it('uses the primary without a replica, when it is down or lags beyond the bound', () => {
    expect(chooseRead(null, undefined, max)).toEqual({ target: 'primary', reason: 'no-replica' });
    expect(chooseRead({ up: false, checkedAt: 0 }, undefined, max).reason).toBe('replica-down');
    expect(chooseRead(up('1/0', 5001), undefined, max).reason).toBe('replica-lagging');
    expect(chooseRead(up('1/0', Infinity), undefined, max).reason).toBe('replica-lagging');
    expect(chooseRead(up('1/0', Number.NaN), undefined, max).reason).toBe('replica-lagging');
  });

  it('uses the replica for a reader who has not written, up to the bound', () => {
    expect(chooseRead(up('1/0', 5000), undefined, max)).toEqual({ target: 'replica', reason: 'replica-ok' });
  });

  it('keeps a writer on the primary until the replica has replayed the write', () => {
    const write = parseLsn('1/100')!;
    expect(chooseRead(up('1/FF'), write, max)).toEqual({
      target: 'primary',
      reason: 'own-write-not-replayed',
    });
    expect(chooseRead(up('1/100'), write, max).target).toBe('replica');
    expect(chooseRead(up('2/0'), write, max).target).toBe('replica');
  });

  it('a server out of recovery (promoted, or the primary itself) is current', () => {
    expect(chooseRead(up(null), parseLsn('FF/0'), max).target).toBe('replica');
  });

  it('a lagging replica is refused even to a reader it has caught up with', () => {
    expect(chooseRead(up('2/0', 9000), parseLsn('1/0'), max).reason).toBe('replica-lagging');
  });
});
