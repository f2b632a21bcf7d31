import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { chooseRead, parseLsn, type Lsn, type ReadChoice, type ReplicaState } from './decide.js';

export type ReadRouterOptions = {
  /** beyond this replay lag (WANGGE_REPLICA_MAX_LAG_MS) every read goes to the primary */
  maxLagMs: number;
  /** how long one probe of the replica is believed (a reader's own write is re-probed at once) */
  probeEveryMs?: number;
  /** a probe slower than this counts as the replica being down */
  probeTimeoutMs?: number;
  /** told when the replica goes down or comes back (for the log) */
  onChange?: (up: boolean, err?: unknown) => void;
  /** the clock, for tests */
  now?: () => number;
};

/**
 * The replica's state, measured on the replica in one statement: replaying? how far? how late? Lag is
 * 0 when the replica has replayed all it received (an idle primary is no lag), otherwise the age of
 * the last replayed commit; unknown → Infinity (lagging). A server not in recovery (the replica
 * address now leads to a promoted or primary server) is current.
 */
const PROBE = sql<{ standby: boolean; replay: string | null; lag_ms: number }>`
  SELECT pg_is_in_recovery() AS standby,
         pg_last_wal_replay_lsn()::text AS replay,
         (CASE
            WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000,
                          'Infinity')
          END)::float8 AS lag_ms`;

/**
 * Read routing (issue 16): hands out the replica's Kysely for a read when chooseRead allows it, else
 * the primary's. Probes the replica at most once per `probeEveryMs` (concurrent callers share one
 * probe), and at once when a reader's own write is past what the replica was last seen to replay.
 * Without a replica every read is the primary's and nothing is probed. Never used for writes.
 */
export class ReadRouter {
  private state: ReplicaState | null = null;
  private probing: Promise<ReplicaState> | null = null;
  private readonly probeEveryMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    readonly primary: Db,
    readonly replica: Db | null,
    private readonly opts: ReadRouterOptions,
  ) {
    this.probeEveryMs = opts.probeEveryMs ?? 1000;
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.replica !== null;
  }

  /** The database for one read of a caller whose last write is `ownWrite` (undefined: none known). */
  async choose(ownWrite?: Lsn): Promise<ReadChoice & { db: Db }> {
    if (!this.replica) return { ...chooseRead(null, ownWrite, this.opts.maxLagMs), db: this.primary };
    let state = this.state;
    const stale = !state || this.now() - state.checkedAt >= this.probeEveryMs;
    const behind =
      ownWrite !== undefined && state?.up === true && state.replayLsn !== null && state.replayLsn < ownWrite;
    if (stale || behind) state = await this.probe();
    const choice = chooseRead(state, ownWrite, this.opts.maxLagMs);
    return { ...choice, db: choice.target === 'replica' ? this.replica : this.primary };
  }

  /** The primary's WAL insert position: every commit that returned before this call is at or before it. */
  async primaryLsn(): Promise<Lsn> {
    const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn()::text AS lsn`.execute(
      this.primary,
    );
    const lsn = parseLsn(rows[0]?.lsn);
    if (lsn === undefined) throw new Error(`unexpected WAL position ${rows[0]?.lsn}`);
    return lsn;
  }

  /** Measures the replica now (shared by concurrent callers). */
  probe(): Promise<ReplicaState> {
    this.probing ??= this.measure().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  /** Forget the last probe: the next read measures again (after an operator's change, in tests). */
  forget(): void {
    this.state = null;
  }

  private async measure(): Promise<ReplicaState> {
    const replica = this.replica!;
    let timer: NodeJS.Timeout | undefined;
    let next: ReplicaState;
    let failure: unknown;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('replica probe timed out')), this.probeTimeoutMs);
      });
      const { rows } = await Promise.race([PROBE.execute(replica), timeout]);
      const row = rows[0]!;
      const replayLsn = row.standby ? (parseLsn(row.replay) ?? 0n) : null;
      next = { up: true, checkedAt: this.now(), replayLsn, lagMs: Number(row.lag_ms) };
    } catch (err) {
      failure = err;
      next = { up: false, checkedAt: this.now() };
    } finally {
      clearTimeout(timer);
    }
    if (this.state?.up !== next.up && (this.state || !next.up)) this.opts.onChange?.(next.up, failure);
    this.state = next;
    return next;
  }
}

/** What a route calls for its read-only work: the replica or the primary, chosen for this request. */
export type ReadDb = (req: FastifyRequest) => Promise<Db>;
