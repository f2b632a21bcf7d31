/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over the 31-character set below (no I, O, S, V,
 * Z): the registration authority (1), the kind of body (1), the division code of where it was
 * registered (6 digits), the organisation code (9, GB 11714 with its own check character) and the
 * check character (1). Both checks are verified.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation code: 8 body characters (digits and capital letters), weights, mod 11. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters (undefined when a character is not in the set). */
export function creditCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character of an organisation code's 8 body characters. */
export function orgCheckChar(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i] ?? '';
    const v = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) return undefined;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** Why a code is not a valid 统一社会信用代码, or null when it is. */
export function creditCodeProblem(code: string): 'shape' | 'organisation_check' | 'check' | null {
  if (!SHAPE.test(code)) return 'shape';
  if (orgCheckChar(code.slice(8, 16)) !== code[16]) return 'organisation_check';
  if (creditCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}

export const isCreditCode = (code: string) => creditCodeProblem(code) === null;

/** A valid code from its first 16 characters (both check characters appended): for demo data and tests. */
export function completeCreditCode(first16: string): string {
  const org = orgCheckChar(first16.slice(8, 16));
  const first17 = `${first16}${org}`;
  return `${first17}${creditCheckChar(first17)}`;
}
