/** Field-app strings of this area, Chinese first (keys prefixed 'wishes'). Merged into i18n.ts. */
export const WISHES_S = {} as const satisfies Record<string, readonly [string, string]>;
