import { Button, Dialog, Stepper } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { uuid } from '../report/submit.js';
import type { Goods } from './parts.js';
import { useFormOpen } from '../forms.js';

/**
 * Confirm an exchange and choose how many. One request id per dialog: pressing
 * again after a lost answer cannot exchange twice (the server answers the same one).
 */
export function ExchangeDialog({
  goods,
  balance,
  onClose,
  onDone,
}: {
  goods: Goods;
  balance: number;
  onClose: () => void;
  onDone: () => void;
}) {
  useFormOpen();
  const most = Math.max(1, Math.min(goods.stock, Math.floor(balance / goods.pointsCost), 100));
  const [quantity, setQuantity] = useState(1);
  const [requestId, setRequestId] = useState(uuid);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cost = goods.pointsCost * quantity;

  async function exchange() {
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/redemptions', {
          body: { goodsId: goods.id, quantity, clientRequestId: requestId },
          signal: timeout(20_000),
        }),
      );
      onDone();
    } catch (e) {
      setError(failText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      visible
      onClose={onClose}
      title={goods.name}
      content={
        <div style={{ fontSize: 17 }} data-testid="exchange-dialog">
          <div className="row" style={{ justifyContent: 'space-between', marginBottom: 12 }}>
            <span>{t('pointsHowMany', { unit: goods.unit })}</span>
            <Stepper
              min={1}
              max={most}
              value={quantity}
              onChange={(v) => {
                setQuantity(v);
                // a different exchange: a new request id
                setRequestId(uuid());
              }}
              style={
                {
                  '--height': '44px',
                  '--input-width': '56px',
                  '--input-font-size': '20px',
                } as React.CSSProperties
              }
              data-testid="exchange-quantity"
            />
          </div>
          <div>{t('pointsWillUse', { n: cost, left: balance - cost })}</div>
          {error && <div className="error-text">{error}</div>}
          <Button
            block
            color="primary"
            loading={busy}
            disabled={cost > balance}
            onClick={() => void exchange()}
            style={{ marginTop: 16 }}
            data-testid="exchange-confirm"
          >
            {t('pointsConfirm')}
          </Button>
          <Button block fill="none" onClick={onClose} style={{ marginTop: 4 }} data-testid="exchange-cancel">
            {t('cancel')}
          </Button>
        </div>
      }
    />
  );
}
