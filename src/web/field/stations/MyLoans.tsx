import { List, Tag } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { BackButton } from '../ListBits.js';
import { ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';

const day = (d: string) => new Date(d).toLocaleDateString();

/** '/loans': what the villager borrowed from the convenience stations, overdue ones marked. */
export function MyLoans() {
  const loans = useFetch(
    null,
    () =>
      ok(api.GET('/api/v1/me/station-loans', { params: { query: { limit: 50 } }, signal: timeout(20_000) })),
    [],
  );
  const items = loans.data?.items ?? [];
  return (
    <div className="page" data-testid="my-loans">
      <BackButton to="/" />
      <h2>{t('lnTitle')}</h2>
      {!loans.loading && items.length === 0 && <p>{t('lnNone')}</p>}
      <List>
        {items.map((l) => (
          <List.Item
            key={l.id}
            data-testid={`my-loan-${l.id}`}
            description={
              l.state === 'lent'
                ? t('lnDue', { d: day(l.dueAt) })
                : l.state === 'returned'
                  ? t('lnReturned', { d: day(l.returnedAt!) }) + (l.returnedLate ? t('lnLate') : '')
                  : t('lnLost')
            }
            extra={
              l.overdue ? (
                <Tag color="danger">{t('lnOverdue')}</Tag>
              ) : l.state === 'lent' ? (
                <Tag color="primary">{t('lnOut')}</Tag>
              ) : null
            }
          >
            {t(`ln_${l.itemKind}` as StringKey)} · {l.stationName}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
