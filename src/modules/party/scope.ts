import { AppError } from '../../platform/errors.js';
import { narrowScope, type Actor } from '../accounts/index.js';
import { CODE_LENGTHS, pathOf } from '../regions/index.js';

/** The caller's county and subtree, narrowed to `within` when that lies inside it (else 404; not a code: 400). */
export function scopeOf(actor: Actor, within?: string) {
  if (within && !(CODE_LENGTHS as readonly number[]).includes(within.length)) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'within 不是区划代码',
      detailEn: 'within is not a region code',
    });
  }
  return { countyCode: actor.countyCode, path: narrowScope(actor, within, pathOf) };
}
