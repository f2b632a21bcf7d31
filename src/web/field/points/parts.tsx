import { Button, Dialog, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { getLang, t, type StringKey } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';

type Mine = paths['/api/v1/points/me']['get']['responses'][200]['content']['application/json'];
export type Goods =
  paths['/api/v1/goods']['get']['responses'][200]['content']['application/json']['items'][number];
type Exchange = Mine['redemptions'][number];
type Entry = Mine['entries'][number];

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    month: 'short',
    day: 'numeric',
  });

/** Goods stocked above my grid, cheapest first, each with a big exchange button. */
export function GoodsList({
  items,
  balance,
  onPick,
}: {
  items: Goods[];
  balance: number;
  onPick: (g: Goods) => void;
}) {
  if (!items.length) return <div className="card muted">{t('pointsNoGoods')}</div>;
  return (
    <div data-testid="points-goods">
      {items.map((g) => {
        const soldOut = g.stock === 0;
        const short = g.pointsCost > balance;
        return (
          <div key={g.id} className="card row" data-testid={`goods-${g.id}`}>
            <div className="grow" style={{ minWidth: 150 }}>
              <div style={{ fontSize: 19, fontWeight: 700 }}>{g.name}</div>
              <div style={{ fontSize: 17, color: '#c8102e' }}>
                {t('pointsCost', { n: g.pointsCost, unit: g.unit })}
              </div>
              <div className="muted">
                {soldOut ? t('pointsSoldOut') : t('pointsStock', { n: g.stock, unit: g.unit })} ·{' '}
                {g.regionName}
              </div>
            </div>
            <Button
              color="primary"
              disabled={soldOut || short}
              onClick={() => onPick(g)}
              data-testid={`exchange-${g.id}`}
              style={{ minWidth: 96 }}
            >
              {short && !soldOut ? t('pointsNotEnough') : t('pointsExchange')}
            </Button>
          </div>
        );
      })}
    </div>
  );
}

/** My exchanges with their status; one still waiting may be cancelled (points come back). */
export function MyExchanges({ items, onCancelled }: { items: Exchange[]; onCancelled: () => void }) {
  async function cancel(x: Exchange) {
    if (
      !(await Dialog.confirm({
        content: t('pointsCancelConfirm'),
        confirmText: t('pointsCancel'),
        cancelText: t('cancel'),
      }))
    )
      return;
    try {
      await ok(
        api.POST('/api/v1/redemptions/{id}/cancel', {
          params: { path: { id: x.id } },
          signal: timeout(20_000),
        }),
      );
      onCancelled();
    } catch (e) {
      Toast.show({ icon: 'fail', content: failText(e) });
    }
  }
  if (!items.length) return <div className="card muted">{t('pointsNoExchanges')}</div>;
  return (
    <div data-testid="points-exchanges">
      {items.map((x) => (
        <div key={x.id} className="card" data-testid={`my-exchange-${x.id}`}>
          <div className="row">
            <span className="grow" style={{ fontSize: 18, fontWeight: 700 }}>
              {x.goodsName} × {x.quantity}
              {x.unit}
            </span>
            <span
              className="state"
              data-testid={`my-exchange-status-${x.id}`}
              data-status={x.status}
              style={x.status === 'handed_over' ? { background: '#f6ffed', color: '#237804' } : undefined}
            >
              {t(`pointsStatus_${x.status}` as StringKey)}
            </span>
          </div>
          <div className="row muted">
            <span className="grow">
              −{x.points} {t('pointsUnit')} · {day(x.requestedAt)} · {x.stockedBy}
            </span>
            {x.status === 'requested' && (
              <Button size="small" onClick={() => void cancel(x)} data-testid={`my-exchange-cancel-${x.id}`}>
                {t('pointsCancel')}
              </Button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The ledger, newest first, in plain words: what happened and how many points. */
export function History({ entries }: { entries: Entry[] }) {
  if (!entries.length) return <div className="card muted">{t('pointsNoHistory')}</div>;
  return (
    <div className="card" data-testid="points-history">
      {entries.map((e) => (
        <div
          key={e.id}
          className="row"
          style={{ padding: '8px 0', borderBottom: '1px solid #eee', fontSize: 17 }}
        >
          <span style={{ width: 64 }} className="muted">
            {day(e.at)}
          </span>
          <span className="grow">
            {getLang() === 'zh' ? e.reasonZh : e.reasonEn}
            {e.note && <div className="muted">{e.note}</div>}
          </span>
          <span style={{ fontWeight: 700, color: e.delta > 0 ? '#237804' : '#ad4e00' }}>
            {e.delta > 0 ? `+${e.delta}` : `−${-e.delta}`}
          </span>
        </div>
      ))}
    </div>
  );
}
