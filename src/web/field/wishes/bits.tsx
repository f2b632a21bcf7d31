import type { paths } from '../../shared/api-schema.js';
import { t, type StringKey } from '../i18n.js';

export type WishItem =
  paths['/api/v1/wishes']['get']['responses'][200]['content']['application/json']['items'][number];
export type WishDetail = paths['/api/v1/wishes/{id}']['get']['responses'][200]['content']['application/json'];
export type WishAction = WishDetail['actions'][number];
export type BeneficiaryKind = WishItem['beneficiaryKind'];

export const BENEFICIARY_KINDS: BeneficiaryKind[] = [
  'elderly_alone',
  'left_behind_child',
  'sick',
  'disabled',
  'poverty',
  'other',
];

/** Keys built from a server value (status, kind, step …); the messages file holds one per value. */
export const tk = (prefix: string, value: string): string => t(`${prefix}_${value}` as StringKey);

const ENDED = new Set(['rejected', 'withdrawn']);

/** The status in plain words: 等人认领 / 心愿实现了，请确认 … */
export function WishStatusTag({ status }: { status: string }) {
  const cls =
    status === 'closed' || status === 'fulfilled'
      ? 'state closed'
      : ENDED.has(status)
        ? 'state ended'
        : 'state';
  return (
    <span className={cls} data-testid="wish-status" data-status={status}>
      {tk('wishesStatus', status)}
    </span>
  );
}

/** Long digit runs look like ID or phone numbers: the server refuses them, so say so before sending. */
export const hasNumbers = (s: string) => /\d{6,}/.test(s);
