/** Command-centre strings of this screen, Chinese first (keys prefixed 'visits.'). Merged into i18n.ts. */
export const VISITS_M = {} as const satisfies Record<string, readonly [string, string]>;
