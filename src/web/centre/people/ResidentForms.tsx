import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { FormModal, ReasonItem, type ModalControl } from '../common/FormModal.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { CARE_TAGS, type CareTag, type Resident } from '../types.js';
import {
  ARRIVALS,
  DateInput,
  ID_NUMBER,
  MARITAL,
  PHONE,
  PersonItems,
  RELATIONS,
  personBody,
  type PersonValues,
} from './PersonItems.js';

type MemberValues = PersonValues & {
  relation: (typeof RELATIONS)[number];
  event: (typeof ARRIVALS)[number];
  on?: string;
};

/** 添加成员: a birth, a person moving in, or a late entry into this household (POST /residents). */
export function AddMember({ householdId, ...p }: ModalControl & { householdId: number }) {
  const { t, label } = useLang();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  return (
    <FormModal
      {...p}
      title={t('regf.addMember')}
      testId="member-add"
      initialValues={{ gender: 'male', event: 'birth', relation: 'child' }}
      savedText={t('regf.saved')}
      reset
      onSubmit={(v: MemberValues) =>
        ok(
          api.POST('/api/v1/residents', {
            body: {
              householdId,
              relation: v.relation,
              ...personBody(v),
              event: v.event,
              on: v.on || undefined,
              clientRequestId: requestId,
            },
          }),
        )
      }
      onSaved={() => (setRequestId(crypto.randomUUID()), p.onDone())}
    >
      <Form.Item name="event" label={t('regf.arrival')}>
        <Select
          data-testid="member-add-event"
          options={ARRIVALS.map((a) => ({ value: a, label: t(`regf.arr_${a}`) }))}
        />
      </Form.Item>
      <Form.Item name="on" label={t('regf.on')}>
        <DateInput testId="member-add-on" />
      </Form.Item>
      <Form.Item name="relation" label={t('people.relation')} rules={[{ required: true }]}>
        <Select options={RELATIONS.map((r) => ({ value: r, label: label('relation', r) }))} />
      </Form.Item>
      <PersonItems prefix="member-add" />
    </FormModal>
  );
}

type EditValues = {
  name: string;
  gender: 'male' | 'female';
  relation: (typeof RELATIONS)[number];
  maritalStatus?: (typeof MARITAL)[number] | null;
  isPartyMember: boolean;
  birthDate?: string;
  idNumber?: string;
  phone?: string;
  clearPhone?: boolean;
  reason: string;
};

/** 编辑居民: corrections with a reason; ID number and phone only when a new value is typed (PATCH /residents/{id}). */
export function EditResident({ resident: r, ...p }: ModalControl & { resident: Resident }) {
  const { t, label } = useLang();
  return (
    <FormModal
      {...p}
      title={t('regf.editResidentTitle', { name: r.name })}
      testId="resident-edit"
      initialValues={{
        name: r.name,
        gender: r.gender,
        relation: r.relation,
        maritalStatus: r.maritalStatus ?? undefined,
        isPartyMember: r.isPartyMember,
      }}
      savedText={t('regf.saved')}
      onSubmit={(v: EditValues) =>
        ok(
          api.PATCH('/api/v1/residents/{id}', {
            params: { path: { id: r.id } },
            body: {
              name: v.name.trim(),
              gender: v.gender,
              relation: v.relation,
              maritalStatus: v.maritalStatus ?? null,
              isPartyMember: v.isPartyMember,
              ...(v.birthDate ? { birthDate: v.birthDate } : {}),
              ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
              ...(v.clearPhone ? { phone: null } : v.phone?.trim() ? { phone: v.phone.trim() } : {}),
              reason: v.reason.trim(),
              version: r.version,
            },
          }),
        )
      }
    >
      <Form.Item name="name" label={t('people.name')} rules={[{ required: true, max: 20, whitespace: true }]}>
        <Input maxLength={20} data-testid="resident-edit-name" />
      </Form.Item>
      <Form.Item name="gender" label={t('people.gender')}>
        <Select
          options={(['male', 'female'] as const).map((g) => ({
            value: g,
            label: t(g === 'male' ? 'people.male' : 'people.female'),
          }))}
        />
      </Form.Item>
      <Form.Item name="relation" label={t('people.relation')}>
        <Select options={RELATIONS.map((x) => ({ value: x, label: label('relation', x) }))} />
      </Form.Item>
      <Form.Item name="maritalStatus" label={t('regf.marital')}>
        <Select allowClear options={MARITAL.map((m) => ({ value: m, label: label('marital', m) }))} />
      </Form.Item>
      <Form.Item name="isPartyMember" valuePropName="checked">
        <Checkbox>{t('people.party')}</Checkbox>
      </Form.Item>
      <Form.Item name="birthDate" label={t('regf.birthDate')}>
        <DateInput testId="resident-edit-birth" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('regf.newIdNumber')} rules={[{ pattern: ID_NUMBER }]}>
        <Input maxLength={18} autoComplete="off" placeholder={r.idNumber} />
      </Form.Item>
      <Form.Item name="phone" label={t('regf.newPhone')} rules={[{ pattern: PHONE }]}>
        <Input maxLength={11} autoComplete="off" placeholder={r.phone ?? ''} />
      </Form.Item>
      {r.phone && (
        <Form.Item name="clearPhone" valuePropName="checked">
          <Checkbox>{t('regf.clearPhone')}</Checkbox>
        </Form.Item>
      )}
      <ReasonItem testId="resident-edit-reason" />
    </FormModal>
  );
}

const EVENTS = ['death', 'marriage', 'move_out', 'care_tag_added', 'care_tag_ended'] as const;
type EventType = (typeof EVENTS)[number];
type EventValues = {
  type: EventType;
  on: string;
  reason?: string;
  tag?: CareTag;
  joinHouseholdId?: number;
  toGridCode?: string;
  address?: string;
};

/** The body of POST /residents/{id}/events for the chosen event type. */
function eventBody(v: EventValues) {
  const reason = v.reason?.trim() || undefined;
  return v.type === 'death'
    ? { type: v.type, on: v.on, reason }
    : v.type === 'marriage'
      ? { type: v.type, on: v.on, ...(v.joinHouseholdId ? { joinHouseholdId: v.joinHouseholdId } : {}) }
      : v.type === 'move_out'
        ? {
            type: v.type,
            on: v.on,
            reason: reason ?? '',
            ...(v.toGridCode ? { toGridCode: v.toGridCode, address: v.address?.trim() } : {}),
          }
        : { type: v.type, on: v.on, tag: v.tag!, reason: reason ?? '' };
}

/** 登记事件: death, marriage, move out, care tag added or ended — each with its date and reason (POST /residents/{id}/events). */
export function ResidentEvent({ resident: r, ...p }: ModalControl & { resident: Resident }) {
  const { t, label } = useLang();
  const [form] = Form.useForm<EventValues>();
  const type = (Form.useWatch('type', form) as EventType | undefined) ?? 'care_tag_added';
  const reasonRequired = type === 'move_out' || type === 'care_tag_added' || type === 'care_tag_ended';
  return (
    <FormModal
      form={form}
      {...p}
      title={t('regf.eventTitle', { name: r.name })}
      testId="resident-event"
      initialValues={{ type: 'care_tag_added' }}
      savedText={t('regf.saved')}
      onSubmit={(v) =>
        ok(api.POST('/api/v1/residents/{id}/events', { params: { path: { id: r.id } }, body: eventBody(v) }))
      }
    >
      <Form.Item name="type" label={t('regf.event')}>
        <Select
          data-testid="resident-event-type"
          options={EVENTS.map((e) => ({ value: e, label: label('lifeEvent', e) }))}
        />
      </Form.Item>
      <Form.Item name="on" label={t('regf.on')} rules={[{ required: true }]}>
        <DateInput testId="resident-event-on" />
      </Form.Item>
      {(type === 'care_tag_added' || type === 'care_tag_ended') && (
        <Form.Item name="tag" label={t('regf.tag')} rules={[{ required: true }]}>
          <Select
            data-testid="resident-event-tag"
            options={CARE_TAGS.filter((c) => (type === 'care_tag_ended') === r.careTags.includes(c)).map(
              (c) => ({ value: c, label: label('care', c) }),
            )}
          />
        </Form.Item>
      )}
      {type === 'marriage' && (
        <Form.Item name="joinHouseholdId" label={t('regf.joinHousehold')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {type === 'move_out' && (
        <>
          <Form.Item name="toGridCode" label={t('regf.toGrid')} extra={t('regf.leftCounty')}>
            <RegionPicker
              width={360}
              onChange={(c) => form.setFieldValue('toGridCode', c)}
              testId="resident-event-grid"
            />
          </Form.Item>
          <Form.Item name="address" label={t('regf.newAddress')} rules={[{ min: 2, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      <ReasonItem testId="resident-event-reason" required={reasonRequired} />
    </FormModal>
  );
}
