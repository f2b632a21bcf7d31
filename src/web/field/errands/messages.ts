/** Field-app strings of this area, Chinese first (keys prefixed 'errands'). Merged into i18n.ts. */
export const ERRANDS_S = {} as const satisfies Record<string, readonly [string, string]>;
