import fs from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';

const TICK = 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux

/** CPU seconds (user + system) of a process from /proc, or 0 when it is gone or unreadable. */
function cpuSecs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Busy and total CPU seconds of the whole machine (all cores, every process) from /proc/stat. */
function machineSecs(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0) / TICK;
  return { busy: total - (f[3]! + f[4]!) / TICK, total };
}

export type CpuSplit = { node: number; pg: number | null; machineBusy: number; machine: number };

/**
 * Measures where the CPU went while `work` ran: this Node process, the PostgreSQL server's
 * processes (found through a backend's parent, when the server runs on this machine and
 * /proc shows it) and the whole machine (other users included: it is shared). Seconds.
 */
export async function cpuSplit<T>(db: Db, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const backend = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
  let postmaster = 0;
  try {
    const stat = fs.readFileSync(`/proc/${backend}/stat`, 'utf8');
    postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // a server elsewhere: its CPU is not ours to see
  }
  const pgNow = () => (postmaster ? [postmaster, ...childrenOf(postmaster)] : []);
  const before = new Map(pgNow().map((p) => [p, cpuSecs(p)]));
  const m0 = machineSecs();
  const n0 = process.cpuUsage();
  const result = await work();
  const n = process.cpuUsage(n0);
  const m = machineSecs();
  // processes started during the run count from zero; ended ones are lost (backends persist in a pool)
  const pg = postmaster ? pgNow().reduce((s, p) => s + cpuSecs(p) - (before.get(p) ?? 0), 0) : null;
  return {
    result,
    cpu: { node: (n.user + n.system) / 1e6, pg, machineBusy: m.busy - m0.busy, machine: m.total - m0.total },
  };
}
