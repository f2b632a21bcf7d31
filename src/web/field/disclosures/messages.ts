/** Field-app strings of this area, Chinese first (keys prefixed 'disclosures'). Merged into i18n.ts. */
export const DISCLOSURES_S = {} as const satisfies Record<string, readonly [string, string]>;
