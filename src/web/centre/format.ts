import type { Lang } from './i18n.js';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai (the county's time, whatever the browser's zone). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A wall-clock duration, coarse: 2天3小时 / 2d 3h, 45分钟 / 45 min. */
export function fmtSpan(ms: number, lang: Lang): string {
  const min = Math.max(0, Math.round(Math.abs(ms) / 60000));
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (lang === 'zh')
    return d ? `${d}天${h ? `${h}小时` : ''}` : h ? `${h}小时${m ? `${m}分` : ''}` : `${m}分钟`;
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m} min`;
}

/** The start (or end) of a Shanghai calendar day as an ISO time with offset, for `from`/`to`. */
export function dayBound(date: string, end = false): string {
  return `${date}T${end ? '23:59:59' : '00:00:00'}+08:00`;
}
