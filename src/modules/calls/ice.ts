import { createHmac } from 'node:crypto';

/**
 * STUN/TURN servers handed to the browsers (docs/calls.md). On one LAN none are needed: the two
 * browsers reach each other directly. A TURN server (coturn with `use-auth-secret`) gets
 * time-limited credentials by the TURN REST scheme: username `<expiry>:<account>`, password the
 * base64 HMAC-SHA1 of the username under the shared secret — the secret never leaves the server.
 */
export type IceConfig = { stun: string[]; turn: string[]; turnSecret: string | null; ttlSeconds: number };

export type IceServer = { urls: string[]; username?: string; credential?: string };

const URL_LIST = /^(stuns?|turns?):[^\s,]+$/;

function urls(v: string | undefined, scheme: RegExp): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && URL_LIST.test(s) && scheme.test(s));
}

/** WANGGE_STUN_URLS, WANGGE_TURN_URLS (comma-separated), WANGGE_TURN_SECRET. */
export function iceConfigFromEnv(env: NodeJS.ProcessEnv): IceConfig {
  return {
    stun: urls(env.WANGGE_STUN_URLS, /^stuns?:/),
    turn: urls(env.WANGGE_TURN_URLS, /^turns?:/),
    turnSecret: env.WANGGE_TURN_SECRET?.trim() || null,
    ttlSeconds: 12 * 3600,
  };
}

export function iceServersFor(cfg: IceConfig | undefined, accountId: number, now: Date): IceServer[] {
  if (!cfg) return [];
  const out: IceServer[] = [];
  if (cfg.stun.length) out.push({ urls: cfg.stun });
  if (cfg.turn.length && cfg.turnSecret) {
    const username = `${Math.floor(now.getTime() / 1000) + cfg.ttlSeconds}:${accountId}`;
    const credential = createHmac('sha1', cfg.turnSecret).update(username).digest('base64');
    out.push({ urls: cfg.turn, username, credential });
  }
  return out;
}
