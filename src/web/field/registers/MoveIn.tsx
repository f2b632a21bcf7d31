import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import { FormError, SubmitButton, useSubmit } from '../FormBits.js';
import { BackButton } from '../ListBits.js';
import { go } from '../router.js';
import { uuid } from '../report/submit.js';
import type { Me } from '../types.js';
import { Field, OnField, PersonFields, emptyPerson, personBody, personComplete } from './PersonFields.js';
import { UnitSelect } from './UnitSelect.js';

/** '#/move-in': a household moves into the grid worker's grid, with its head; then its screen opens. */
export function MoveIn({ me }: { me: Me }) {
  const [address, setAddress] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [head, setHead] = useState(emptyPerson);
  const [on, setOn] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const [requestId] = useState(uuid);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!personComplete(head) || address.trim().length < 2) return setError(t('regMissing'));
    await run(async () => {
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
    });
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
        <OnField value={on} onChange={setOn} />
        <FormError error={error} testId="reg-error" />
        <SubmitButton busy={busy} testId="reg-save" label="regSave" />
      </form>
    </div>
  );
}
