import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { EnterpriseFields } from './EnterpriseFields.js';

type Body = paths['/api/v1/enterprises']['post']['requestBody']['content']['application/json'];

/** 登记两新组织 (POST /enterprises): the credit code's check characters are verified by the server. */
export function AddEnterprise(p: ModalControl) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('ent.add')}
      testId="ent-add"
      initialValues={{ kind: 'enterprise', size: 'small', aboveScale: false }}
      savedText={t('ent.saved')}
      reset
      onSubmit={(v: Body) =>
        ok(api.POST('/api/v1/enterprises', { body: { ...v, creditCode: v.creditCode.trim().toUpperCase() } }))
      }
    >
      <EnterpriseFields testId="ent-add" adding />
    </FormModal>
  );
}
