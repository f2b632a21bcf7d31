import fs from 'node:fs';
import path from 'node:path';

const TICK = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; self: number; children: number } | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces) start at ") "
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(f[i - 3]);
    return { ppid: n(4), self: (n(14) + n(15)) / TICK, children: (n(16) + n(17)) / TICK };
  } catch {
    return null;
  }
}

/** The postmaster's process id, from `postmaster.pid` in the cluster directory. */
export function postmasterPid(clusterDir: string): number {
  return Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * CPU seconds used so far by a PostgreSQL cluster: the postmaster, the backends it has reaped
 * (its children's time) and those still running. Backends are the postmaster's direct children.
 */
export function clusterCpu(postmaster: number): number {
  const root = stat(postmaster);
  if (!root) return NaN;
  let total = root.self + root.children;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s && s.ppid === postmaster) total += s.self;
  }
  return total;
}

/** CPU seconds of this Node process (user + system). */
export function nodeCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
