import { api } from '../../shared/api.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { CadreFields } from './CadreFields.js';
import type { CadreDetail } from './types.js';

type Values = {
  regionCode: string;
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  education: CadreDetail['education'];
  posts: CadreDetail['posts'];
  reserve: boolean;
  unit?: string;
  phone?: string;
  idNumber?: string;
};

/** 修改干部信息 (PATCH /cadres/{id}): phone and ID number change only when a new value is typed. */
export function EditCadre({
  cadre: c,
  ...p
}: ModalControl & {
  cadre: CadreDetail;
}) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('cadres.edit')}
      testId="cadre-edit"
      initialValues={{
        regionCode: c.regionCode,
        name: c.name,
        gender: c.gender,
        birthYear: c.birthYear,
        education: c.education,
        posts: c.posts,
        reserve: c.reserve,
        unit: c.unit ?? undefined,
      }}
      savedText={t('cadres.saved')}
      onSubmit={(v: Values) =>
        ok(
          api.PATCH('/api/v1/cadres/{id}', {
            params: { path: { id: c.id } },
            body: {
              ...(v.regionCode !== c.regionCode ? { regionCode: v.regionCode } : {}),
              name: v.name.trim(),
              gender: v.gender,
              birthYear: v.birthYear,
              education: v.education,
              posts: v.posts,
              reserve: v.reserve,
              unit: v.unit?.trim() || null,
              ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
              ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
            },
          }),
        )
      }
    >
      <CadreFields testId="cadre-edit" current={{ phone: c.phone, idNumber: c.idNumber }} />
    </FormModal>
  );
}
