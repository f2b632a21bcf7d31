/** Command-centre strings of this screen, Chinese first (keys prefixed 'party.'). Merged into i18n.ts. */
export const PARTY_M = {} as const satisfies Record<string, readonly [string, string]>;
