import { api } from '../../shared/api.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { EnterpriseFields } from './EnterpriseFields.js';
import type { EnterpriseDetail } from './types.js';

type Values = {
  gridCode: string;
  name: string;
  address: string;
  size: EnterpriseDetail['size'];
  sector: string;
  aboveScale: boolean;
  instructorId?: number | null;
};

/** 修改两新组织 (PATCH /enterprises/{id}): grid, name, address, size, sector, 规模以上, its 党建指导员 among the cadres helping it. */
export function EditEnterprise({
  enterprise: e,
  cadres,
  ...p
}: ModalControl & {
  enterprise: EnterpriseDetail;
  cadres: { value: number; label: string }[];
}) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('ent.edit')}
      testId="ent-edit"
      initialValues={{
        gridCode: e.gridCode,
        name: e.name,
        address: e.address,
        size: e.size,
        sector: e.sector,
        aboveScale: e.aboveScale,
        instructorId: e.instructorId ?? undefined,
      }}
      savedText={t('ent.saved')}
      onSubmit={(v: Values) =>
        ok(
          api.PATCH('/api/v1/enterprises/{id}', {
            params: { path: { id: e.id } },
            body: {
              ...(v.gridCode !== e.gridCode ? { gridCode: v.gridCode } : {}),
              name: v.name.trim(),
              address: v.address.trim(),
              size: v.size,
              sector: v.sector.trim(),
              aboveScale: v.aboveScale,
              instructorId: v.instructorId ?? null,
            },
          }),
        )
      }
    >
      <EnterpriseFields testId="ent-edit" instructors={cadres} />
    </FormModal>
  );
}
