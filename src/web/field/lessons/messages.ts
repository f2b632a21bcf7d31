/** Field-app strings of 云党课 (keys prefixed 'les'), Chinese first. Merged into i18n.ts. */
export const LESSONS_S = {
  svcLessons: ['云党课', 'Online lessons'],
  lesTitle: ['云党课', 'Online party lessons'],
  lesNone: ['暂无云党课', 'No online lessons'],
  lesWatch: ['记录学习', 'Record my watching'],
  lesWatched: ['已学习 {s} 秒，进度 {p}%', 'Watched {s} s, {p}% through'],
  lesNoMedia: ['暂无课件', 'No media yet'],
} as const satisfies Record<string, readonly [string, string]>;
