/** Command-centre strings of this screen, Chinese first (keys prefixed 'points.'). Merged into i18n.ts. */
export const POINTS_M = {} as const satisfies Record<string, readonly [string, string]>;
