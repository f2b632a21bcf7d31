import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { ListState, ListTitle } from '../ListBits.js';
import type { Me } from '../types.js';
import { NearHome } from './NearHome.js';

/** '/in-service': my registration (报到), the hours recorded and the wishes they came from. */
export function MyService({ me }: { me: Me }) {
  const res = useFetch(
    `${me.username}.in-service.me`,
    () => ok(api.GET('/api/v1/in-service/me', { signal: timeout(20_000) })),
    [],
  );
  const d = res.data;
  return (
    <div className="page" data-testid="isv-mine">
      <ListTitle
        back="/"
        title={t('isvMineTitle')}
        loading={res.loading}
        onRefresh={() => void res.reload()}
      />
      <ListState list={res} empty={false} emptyText="" />
      {d && (
        <>
          <div className="card">
            <div className="row">
              <b className="grow">{d.registration.homeName}</b>
              <span className="state" data-testid="isv-status" data-status={d.registration.status}>
                {t(`isvStatus_${d.registration.status}` as StringKey)}
              </span>
            </div>
            <div className="muted">{d.registration.employerOrgName ?? d.registration.employerUnit}</div>
            <div style={{ fontSize: 22, fontWeight: 700, margin: '10px 0 4px' }} data-testid="isv-hours">
              {t('isvHours', { n: d.registration.hours })}
            </div>
            <div className="muted">{t('isvWishes', { n: d.registration.wishes })}</div>
          </div>
          <NearHome />
          <div data-testid="isv-entries">
            {d.entries.length === 0 && <div className="card muted">{t('isvNoEntries')}</div>}
            {d.entries.map((e) => (
              <button
                type="button"
                key={e.wishId}
                className="case-item"
                onClick={() => go(`/wishes/${e.wishId}`)}
                data-testid={`isv-entry-${e.wishNumber}`}
              >
                <div className="row">
                  <span className="title grow">{e.title}</span>
                  <b>{t('isvEntryHours', { n: e.hours })}</b>
                </div>
                <div className="muted">
                  {e.wishNumber} · {e.servedOn}
                </div>
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
