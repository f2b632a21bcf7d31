import { api } from '../../shared/api.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { CadreFields } from './CadreFields.js';
import type { CadreInput } from './types.js';

type Values = CadreInput & { phone?: string; idNumber?: string };

/** 登记干部: a two-committee member, a reserve cadre or a cadre of an organ (POST /cadres). */
export function AddCadre(p: ModalControl) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('cadres.add')}
      testId="cadre-add"
      initialValues={{ gender: 'male', posts: [], reserve: false }}
      savedText={t('cadres.saved')}
      reset
      onSubmit={(v: Values) =>
        ok(
          api.POST('/api/v1/cadres', {
            body: {
              ...v,
              phone: v.phone || null,
              idNumber: v.idNumber?.trim() || null,
              unit: v.unit || null,
            },
          }),
        )
      }
    >
      <CadreFields testId="cadre-add" />
    </FormModal>
  );
}
