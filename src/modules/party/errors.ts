/** Error codes of this module: [HTTP status, Chinese, English]. Merged into the catalogue in platform/errors.ts. */
export const PARTY_ERRORS = {} as const satisfies Record<string, readonly [number, string, string]>;
