import type { paths } from '../../shared/api-schema.js';
import { t, type StringKey } from '../i18n.js';

export type ErrandItem =
  paths['/api/v1/errands']['get']['responses'][200]['content']['application/json']['items'][number];
export type ErrandDetail =
  paths['/api/v1/errands/{id}']['get']['responses'][200]['content']['application/json'];
export type ServiceItem =
  paths['/api/v1/service-items']['get']['responses'][200]['content']['application/json']['items'][number];
export type ErrandAction = ErrandDetail['actions'][number];
export type Rating = NonNullable<ErrandDetail['rating']>;

/** Keys built from a server value (status, step, action …); the messages file holds one per value. */
export const tk = (prefix: string, value: string): string => t(`${prefix}_${value}` as StringKey);

const ENDED = new Set(['declined', 'cancelled']);

/** The status in plain words: 等人接单 / 正在办 / 办好了，请确认 … */
export function ErrandStatusTag({ status }: { status: string }) {
  const cls = status === 'confirmed' ? 'state closed' : ENDED.has(status) ? 'state ended' : 'state';
  return (
    <span className={cls} data-testid="errand-status" data-status={status}>
      {tk('errandsStatus', status)}
    </span>
  );
}

/** "3 个工作日内" / "当天办". */
export function promiseText(days: number): string {
  return days === 0 ? t('errandsPromiseToday') : t('errandsPromiseDays', { n: days });
}
