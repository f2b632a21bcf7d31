/** A list's date filter (`from`/`to`, YYYY-MM-DD): days are Beijing days, `to` included. */
const DAY_MS = 86_400_000;

/** The first instant of a Beijing day. */
export const beijingDayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The first instant after a Beijing day (the exclusive end of a range that includes `day`). */
export const beijingDayEnd = (day: string): Date => new Date(beijingDayStart(day).getTime() + DAY_MS);
