/** Field-app strings of this area, Chinese first (keys prefixed 'points'). Merged into i18n.ts. */
export const POINTS_S = {} as const satisfies Record<string, readonly [string, string]>;
