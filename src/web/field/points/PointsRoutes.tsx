import { Button, DotLoading, Toast } from 'antd-mobile';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { useLive } from '../messages/live.js';
import { failText, ok, timeout } from '../net.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';
import { ExchangeDialog } from './ExchangeDialog.js';
import { BackButton } from '../ListBits.js';
import { GoodsList, History, MyExchanges, type Goods } from './parts.js';

/** '/points': my balance, what earned it, goods I can exchange, my exchanges (J4). */
export function PointsRoutes({ me }: { parts: string[]; me: Me }) {
  const { tick } = useLive();
  const mine = useFetch(
    `${me.username}.points.me`,
    () => ok(api.GET('/api/v1/points/me', { signal: timeout(20_000) })),
    [tick],
  );
  const goods = useFetch(
    `${me.username}.points.goods`,
    () => ok(api.GET('/api/v1/goods', { signal: timeout(20_000) })).then((r) => r.items),
    [tick],
  );
  const [picked, setPicked] = useState<Goods | null>(null);
  const d = mine.data;
  const reload = () => {
    void mine.reload();
    void goods.reload();
  };

  return (
    <div className="page">
      <div className="page-title">
        <BackButton to="/" />
        <h1 className="grow">{t('pointsTitle')}</h1>
        <Button
          size="small"
          fill="outline"
          onClick={reload}
          loading={mine.loading}
          data-testid="points-refresh"
        >
          <ReloadOutlined /> {t('refresh')}
        </Button>
      </div>
      {mine.error && <div className="card error-text">{failText(mine.error)}</div>}
      {!d && mine.loading && <DotLoading />}
      {d && !d.earnsPoints && (
        <div className="card" style={{ fontSize: 18 }} data-testid="points-paid">
          {d.employment === 'fullTime' ? t('pointsPaid') : t('pointsNoWorker')}
        </div>
      )}
      {d?.earnsPoints && (
        <>
          <div className="card" style={{ textAlign: 'center' }}>
            <div className="muted">{t('pointsBalance')}</div>
            <div
              style={{ fontSize: 56, fontWeight: 800, color: '#c8102e', lineHeight: 1.2 }}
              data-testid="points-balance"
            >
              {d.balance}
            </div>
            <div className="muted">{t('pointsHowEarn')}</div>
          </div>
          <h3 className="section-title">{t('pointsGoods')}</h3>
          <GoodsList items={goods.data ?? []} balance={d.balance} onPick={setPicked} />
          <h3 className="section-title">{t('pointsMine')}</h3>
          <MyExchanges
            items={d.redemptions}
            onCancelled={() => (Toast.show({ icon: 'success', content: t('pointsCancelled') }), reload())}
          />
          <h3 className="section-title">{t('pointsHistory')}</h3>
          <History entries={d.entries} />
        </>
      )}
      {picked && d && (
        <ExchangeDialog
          goods={picked}
          balance={d.balance}
          onClose={() => setPicked(null)}
          onDone={() => {
            setPicked(null);
            Toast.show({ icon: 'success', content: t('pointsDone'), duration: 3000 });
            reload();
          }}
        />
      )}
    </div>
  );
}
