/** Field-app strings of this area, Chinese first (keys prefixed 'visits'). Merged into i18n.ts. */
export const VISITS_S = {} as const satisfies Record<string, readonly [string, string]>;
