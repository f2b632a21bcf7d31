import { Button, DotLoading } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { QueuePanel } from '../offline/QueuePanel.js';
import { useQueue } from '../offline/queue.js';
import { go } from '../router.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';
import type { Me } from '../types.js';
import { CareTags } from './bits.js';
import { VisitForm } from './VisitForm.js';
import { VisitHistory } from './VisitHistory.js';

/** Where the phone keeps its last copy of a household (the report screen reads it offline too). */
export const householdCacheKey = (me: Me, id: number) => `${me.username}.household.${id}`;

/** A household on the doorstep: who lives there (masked), the visits so far, and the form for this visit. */
export function HouseholdScreen({ me, id }: { me: Me; id: number }) {
  const { lastVisitSent } = useQueue();
  const h = useFetch(
    householdCacheKey(me, id),
    () => ok(api.GET('/api/v1/households/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id],
  );
  const history = useFetch(
    `${me.username}.household.${id}.visits`,
    () =>
      ok(
        api.GET('/api/v1/households/{id}/visits', {
          params: { path: { id }, query: { limit: 20 } },
          signal: timeout(20_000),
        }),
      ),
    [id, lastVisitSent?.at],
  );
  const household = h.data;

  return (
    <div className="page" data-testid="household">
      <div className="page-title">
        <BackButton to="/visits" />
        <h1 className="grow">{t('visitsHousehold')}</h1>
      </div>
      <QueuePanel />
      {h.error && !household && <div className="card error-text">{failText(h.error)}</div>}
      {h.loading && !household && <DotLoading />}
      {household && (
        <>
          <div className="card">
            <h3 data-testid="household-address">{household.address}</h3>
            <div className="row" style={{ marginBottom: 8 }}>
              <CareTags tags={household.careTags} />
              <span className="muted">{household.gridName}</span>
            </div>
            <h3 style={{ marginTop: 12 }}>{t('visitsMembersTitle')}</h3>
            {household.members.map((m) => (
              <div key={m.id} className="kv">
                <span className="k">{m.name}</span>
                <span className="grow">{m.birthYear}</span>
                <span className="muted">{m.phone ?? ''}</span>
              </div>
            ))}
          </div>
          {me.abilities.includes('people.edit') && (
            <div className="row" style={{ gap: 8, marginBottom: 12 }}>
              <Button
                className="grow"
                onClick={() => go(`/households/${household.id}/add/birth`)}
                data-testid="add-birth"
              >
                {t('regBirth')}
              </Button>
              <Button
                className="grow"
                onClick={() => go(`/households/${household.id}/add/move_in`)}
                data-testid="add-move-in"
              >
                {t('regMoveInMember')}
              </Button>
            </div>
          )}
          <VisitForm
            me={me}
            householdId={household.id}
            address={household.address}
            onSaved={() => void history.reload()}
          />
          <Button
            block
            size="large"
            color="warning"
            style={{ marginBottom: 12 }}
            onClick={() => go(`/report/household/${household.id}`)}
            data-testid="visit-report"
          >
            {t('visitsReport')}
          </Button>
          <Button
            block
            size="large"
            style={{ marginBottom: 12 }}
            onClick={() => go(`/screening/household/${household.id}`)}
            data-testid="visit-dispute"
          >
            {t('screeningFromHousehold')}
          </Button>
        </>
      )}
      <div className="card">
        <h3>{t('visitsHistory')}</h3>
        <VisitHistory items={history.data?.items ?? []} loading={history.loading && !history.data} />
      </div>
    </div>
  );
}
