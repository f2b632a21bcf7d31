import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { FormModal, ReasonItem } from '../common/FormModal.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { CARE_TAGS, type CareTag } from '../types.js';
import { GridUnitPicker } from './GridUnitPicker.js';
import { ARRIVALS, DateInput, PersonItems, personBody, type PersonValues } from './PersonItems.js';

type Props = { open: boolean; onClose: () => void; onDone: (id?: number) => void };
const GRID = /^\d{15}$/;

/** A grid (the lowest level of the region tree) and, once chosen, one of its units. */
function GridAndUnit({ gridName, unitName, testId }: { gridName: string; unitName: string; testId: string }) {
  const { t } = useLang();
  const form = Form.useFormInstance();
  const grid = Form.useWatch(gridName, form) as string | undefined;
  return (
    <>
      <Form.Item
        name={gridName}
        label={t(gridName === 'toGridCode' ? 'regf.toGrid' : 'regf.grid')}
        rules={[{ required: true, pattern: GRID, message: t('regf.gridNeeded') }]}
      >
        <RegionPicker
          width={360}
          testId={`${testId}-grid`}
          onChange={(code) => (form.setFieldValue(gridName, code), form.setFieldValue(unitName, null))}
        />
      </Form.Item>
      <Form.Item name={unitName} label={t('regf.unit')}>
        <GridUnitPicker gridCode={grid} testId={`${testId}-unit`} />
      </Form.Item>
    </>
  );
}

type NewValues = PersonValues & {
  gridCode: string;
  unitId?: number | null;
  address: string;
  householdTags?: CareTag[];
  event: (typeof ARRIVALS)[number];
  on?: string;
};

/** 新建户: a household moving in (or entered late, or a birth's new household) with its head (POST /households). */
export function NewHousehold(p: Props) {
  const { t } = useLang();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  return (
    <FormModal
      {...p}
      title={t('regf.newHousehold')}
      testId="hh-new"
      width={640}
      initialValues={{ gender: 'male', event: 'move_in' }}
      savedText={t('regf.saved')}
      reset
      onSubmit={(v: NewValues) =>
        ok(
          api.POST('/api/v1/households', {
            body: {
              gridCode: v.gridCode,
              unitId: v.unitId ?? null,
              address: v.address.trim(),
              careTags: v.householdTags ?? [],
              head: personBody(v),
              event: v.event,
              on: v.on || undefined,
              clientRequestId: requestId,
            },
          }),
        )
      }
      onSaved={(made) => (setRequestId(crypto.randomUUID()), p.onDone(made.id))}
    >
      <GridAndUnit gridName="gridCode" unitName="unitId" testId="hh-new" />
      <HouseholdItems tagsName="householdTags" testId="hh-new" />
      <Form.Item name="event" label={t('regf.arrival')}>
        <Select options={ARRIVALS.map((a) => ({ value: a, label: t(`regf.arr_${a}`) }))} />
      </Form.Item>
      <Form.Item name="on" label={t('regf.on')}>
        <DateInput testId="hh-new-on" />
      </Form.Item>
      <h4>{t('regf.head')}</h4>
      <PersonItems prefix="hh-new-head" />
    </FormModal>
  );
}

function HouseholdItems({ tagsName, testId }: { tagsName: string; testId: string }) {
  const { t, label } = useLang();
  return (
    <>
      <Form.Item name="address" label={t('people.address')} rules={[{ required: true, min: 2, max: 100 }]}>
        <Input maxLength={100} data-testid={`${testId}-address`} />
      </Form.Item>
      <Form.Item name={tagsName} label={t('people.careTags')}>
        <Select mode="multiple" options={CARE_TAGS.map((c) => ({ value: c, label: label('care', c) }))} />
      </Form.Item>
    </>
  );
}

type Household = {
  id: number;
  gridCode: string;
  address: string;
  unitId: number | null;
  careTags: string[];
  version: number;
};

type EditValues = {
  address: string;
  unitId?: number | null;
  careTags?: CareTag[];
  reason: string;
};

/** 编辑户: address, building/unit or group, care tags, with a reason (PATCH /households/{id}). */
export function EditHousehold({ household: h, ...p }: Props & { household: Household }) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('regf.editHousehold')}
      testId="hh-edit"
      initialValues={{ address: h.address, unitId: h.unitId, careTags: h.careTags }}
      savedText={t('regf.saved')}
      onSubmit={(v: EditValues) =>
        ok(
          api.PATCH('/api/v1/households/{id}', {
            params: { path: { id: h.id } },
            body: {
              address: v.address.trim(),
              unitId: v.unitId ?? null,
              careTags: v.careTags ?? [],
              reason: v.reason.trim(),
              version: h.version,
            },
          }),
        )
      }
    >
      <HouseholdItems tagsName="careTags" testId="hh-edit" />
      <Form.Item name="unitId" label={t('regf.unit')}>
        <GridUnitPicker gridCode={h.gridCode} testId="hh-edit-unit" />
      </Form.Item>
      <ReasonItem testId="hh-edit-reason" />
    </FormModal>
  );
}

type MoveValues = {
  toGridCode: string;
  unitId?: number | null;
  address: string;
  on?: string;
  reason: string;
};

/** 整户迁移: the whole household to another grid of the county, with its history (POST /households/{id}/move). */
export function MoveHousehold({ household: h, ...p }: Props & { household: Household }) {
  const { t } = useLang();
  return (
    <FormModal
      {...p}
      title={t('regf.moveHousehold')}
      testId="hh-move"
      savedText={t('regf.saved')}
      onSubmit={(v: MoveValues) =>
        ok(
          api.POST('/api/v1/households/{id}/move', {
            params: { path: { id: h.id } },
            body: {
              toGridCode: v.toGridCode,
              unitId: v.unitId ?? null,
              address: v.address.trim(),
              on: v.on || undefined,
              reason: v.reason.trim(),
            },
          }),
        )
      }
    >
      <GridAndUnit gridName="toGridCode" unitName="unitId" testId="hh-move" />
      <Form.Item name="address" label={t('regf.newAddress')} rules={[{ required: true, min: 2, max: 100 }]}>
        <Input maxLength={100} data-testid="hh-move-address" />
      </Form.Item>
      <Form.Item name="on" label={t('regf.on')}>
        <DateInput testId="hh-move-on" />
      </Form.Item>
      <ReasonItem testId="hh-move-reason" />
    </FormModal>
  );
}
