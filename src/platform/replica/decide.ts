/**
 * Where a read goes (issue 16): the primary, or the streaming replica when it is up, not lagging beyond
 * the bound, and has replayed the reader's own last write. Pure: the router (router.ts) feeds it what it
 * measured; the tests feed it what they like.
 */

/** A WAL position ('16/B374D848' as PostgreSQL prints a pg_lsn) as a number that compares. */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** pg_lsn text → Lsn; undefined for anything else (a forged or truncated cookie). */
export function parseLsn(text: string | null | undefined): Lsn | undefined {
  const m = text ? LSN_TEXT.exec(text) : null;
  if (!m) return undefined;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** Lsn → pg_lsn text (upper-case hex, as PostgreSQL prints it). */
export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** What the last probe of the replica found. */
export type ReplicaState =
  | { up: false; checkedAt: number }
  | {
      up: true;
      checkedAt: number;
      /** pg_last_wal_replay_lsn(); null on a server that is not in recovery (it is current) */
      replayLsn: Lsn | null;
      /** how far behind the primary's commits the replay is, 0 when it has replayed all it received */
      lagMs: number;
    };

export type ReadTarget = 'primary' | 'replica';

export type ReadReason =
  | 'no-replica' // DATABASE_REPLICA_URL unset
  | 'replica-down' // the probe failed or timed out
  | 'replica-lagging' // lag beyond WANGGE_REPLICA_MAX_LAG_MS
  | 'own-write-not-replayed' // the reader wrote something the replica has not replayed yet
  | 'replica-ok';

export type ReadChoice = { target: ReadTarget; reason: ReadReason };

/**
 * The decision. `ownWrite` is the primary's WAL position after the reader's last successful write
 * (undefined when the reader has not written lately). Anything uncertain goes to the primary.
 */
export function chooseRead(
  state: ReplicaState | null,
  ownWrite: Lsn | undefined,
  maxLagMs: number,
): ReadChoice {
  if (!state) return { target: 'primary', reason: 'no-replica' };
  if (!state.up) return { target: 'primary', reason: 'replica-down' };
  if (!(state.lagMs <= maxLagMs)) return { target: 'primary', reason: 'replica-lagging' };
  if (ownWrite !== undefined && state.replayLsn !== null && state.replayLsn < ownWrite)
    return { target: 'primary', reason: 'own-write-not-replayed' };
  return { target: 'replica', reason: 'replica-ok' };
}
