/** Command-centre strings of this screen, Chinese first (keys prefixed 'disclosures.'). Merged into i18n.ts. */
export const DISCLOSURES_M = {} as const satisfies Record<string, readonly [string, string]>;
