import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { ok } from '../net.js';
import { FormError, SubmitButton, useSubmit } from '../FormBits.js';
import { BackButton } from '../ListBits.js';
import { go } from '../router.js';
import { uuid } from '../report/submit.js';
import { Field, OnField, PersonFields, emptyPerson, personBody, personComplete } from './PersonFields.js';

const RELATIONS = ['child', 'grandchild', 'spouse', 'parent', 'sibling', 'other'] as const;

/** '#/households/12/add/birth' or '.../add/move_in': a newborn or a person moving into the household. */
export function AddResident({ householdId, event }: { householdId: number; event: 'birth' | 'move_in' }) {
  const [person, setPerson] = useState(emptyPerson);
  const [relation, setRelation] = useState<(typeof RELATIONS)[number]>('child');
  const [on, setOn] = useState('');
  const { busy, error, setError, run } = useSubmit();
  // the same id when sent again after a lost answer: one record
  const [requestId] = useState(uuid);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!personComplete(person)) return setError(t('regMissing'));
    await run(async () => {
      await ok(
        api.POST('/api/v1/residents', {
          body: {
            householdId,
            relation,
            ...personBody(person),
            event,
            on: event === 'birth' ? person.birthDate : on || undefined,
            clientRequestId: requestId,
          },
        }),
      );
      Toast.show({ icon: 'success', content: t('regSaved') });
      go(`/households/${householdId}`);
    });
  }

  return (
    <div className="page" data-testid={`reg-page-${event}`}>
      <div className="page-title">
        <BackButton to={`/households/${householdId}`} />
        <h1 className="grow">{t(event === 'birth' ? 'regBirth' : 'regMoveInMember')}</h1>
      </div>
      <form className="card" onSubmit={(e) => void save(e)}>
        <PersonFields value={person} onChange={setPerson} />
        <Field id="reg-relation" label="regRelation" required>
          <select
            id="reg-relation"
            className="input"
            data-testid="reg-relation"
            value={relation}
            onChange={(e) => setRelation(e.target.value as typeof relation)}
          >
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`regRel_${r}` as StringKey)}
              </option>
            ))}
          </select>
        </Field>
        {event === 'move_in' && <OnField value={on} onChange={setOn} />}
        <FormError error={error} testId="reg-error" />
        <SubmitButton busy={busy} testId="reg-save" label="regSave" />
      </form>
    </div>
  );
}
