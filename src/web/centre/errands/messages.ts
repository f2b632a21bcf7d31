/** Command-centre strings of this screen, Chinese first (keys prefixed 'errands.'). Merged into i18n.ts. */
export const ERRANDS_M = {} as const satisfies Record<string, readonly [string, string]>;
