/** Command-centre strings of this screen, Chinese first (keys prefixed 'wishes.'). Merged into i18n.ts. */
export const WISHES_M = {} as const satisfies Record<string, readonly [string, string]>;
