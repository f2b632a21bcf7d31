import type { paths } from '../../shared/api-schema.js';
import { t, type StringKey } from '../i18n.js';

export type DisclosureItem =
  paths['/api/v1/disclosures']['get']['responses'][200]['content']['application/json']['items'][number];
export type DisclosureDetail =
  paths['/api/v1/disclosures/{id}']['get']['responses'][200]['content']['application/json'];
export type Kind = DisclosureItem['kind'];
export const KINDS: Kind[] = ['party', 'village', 'finance'];

export const kindText = (k: Kind) => t(`disclosuresKind_${k}` as StringKey);

/** '2026-10' → 2026年10月, '2026-Q3' → 2026年第3季度, '2026' → 2026年度, none → 重大事项. */
export function periodText(period: string | null): string {
  if (!period) return t('disclosuresMajor');
  const [y = '', rest] = period.split('-');
  if (!rest) return t('disclosuresPeriodYear', { y });
  if (rest.startsWith('Q')) return t('disclosuresPeriodQuarter', { y, q: rest.slice(1) });
  return t('disclosuresPeriodMonth', { y, m: Number(rest) });
}

/** Yuan with two decimals and thousands separators: 12,000.50. */
export const yuan = (v: number) =>
  v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
