import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok } from '../net.js';
import { BackButton } from '../ListBits.js';
import { go } from '../router.js';
import { uuid } from '../report/submit.js';
import type { Me } from '../types.js';
import { Field, PersonFields, emptyPerson, personBody, personComplete } from './PersonFields.js';
import { UnitSelect } from './UnitSelect.js';

/** '#/move-in': a household moves into the grid worker's grid, with its head; then its screen opens. */
export function MoveIn({ me }: { me: Me }) {
  const [address, setAddress] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [head, setHead] = useState(emptyPerson);
  const [on, setOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(uuid);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!personComplete(head) || address.trim().length < 2) return setError(t('regMissing'));
    setBusy(true);
    setError(null);
    try {
      const { id } = await ok(
        api.POST('/api/v1/households', {
          body: {
            gridCode: me.scope.code,
            address: address.trim(),
            unitId,
            head: personBody(head),
            event: 'move_in',
            on: on || undefined,
            clientRequestId: requestId,
          },
        }),
      );
      Toast.show({ icon: 'success', content: t('regSaved') });
      go(`/households/${id}`);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="reg-page-move-in">
      <div className="page-title">
        <BackButton to="/visits" />
        <h1 className="grow">{t('regMoveInHousehold')}</h1>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('regMoveInHint')} · {me.scope.name}
      </p>
      <form className="card" onSubmit={(e) => void save(e)}>
        <Field id="reg-address" label="regAddress" required>
          <input
            id="reg-address"
            className="input"
            data-testid="reg-address"
            maxLength={100}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </Field>
        <UnitSelect gridCode={me.scope.code} value={unitId} onChange={setUnitId} />
        <PersonFields value={head} onChange={setHead} />
        <Field id="reg-on" label="regOn">
          <input
            id="reg-on"
            className="input"
            type="date"
            data-testid="reg-on"
            value={on}
            onChange={(e) => setOn(e.target.value)}
          />
        </Field>
        {error && (
          <div className="error-text" role="alert" data-testid="reg-error">
            {error}
          </div>
        )}
        <Button
          type="submit"
          block
          color="primary"
          size="large"
          loading={busy}
          data-testid="reg-save"
          style={{ marginTop: 20 }}
        >
          {t('regSave')}
        </Button>
      </form>
    </div>
  );
}
