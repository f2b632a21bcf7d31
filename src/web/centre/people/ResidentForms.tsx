import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
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

type Props = { open: boolean; onClose: () => void; onDone: () => void };

/** 添加成员: a birth, a person moving in, or a late entry into this household (POST /residents). */
export function AddMember({ householdId, ...p }: Props & { householdId: number }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  async function submit() {
    const v = (await form.validateFields()) as PersonValues & {
      relation: (typeof RELATIONS)[number];
      event: (typeof ARRIVALS)[number];
      on?: string;
    };
    try {
      await ok(
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
      );
      void message.success(t('regf.saved'));
      form.resetFields();
      setRequestId(crypto.randomUUID());
      p.onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={p.open}
      title={t('regf.addMember')}
      onCancel={p.onClose}
      onOk={submit}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'member-add-save' } as never}
      data-testid="member-add"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ gender: 'male', event: 'birth', relation: 'child' }}
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
      </Form>
    </Modal>
  );
}

/** 编辑居民: corrections with a reason; ID number and phone only when a new value is typed (PATCH /residents/{id}). */
export function EditResident({ resident: r, ...p }: Props & { resident: Resident }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  async function submit() {
    const v = (await form.validateFields()) as {
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
    try {
      await ok(
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
      );
      void message.success(t('regf.saved'));
      p.onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={p.open}
      title={t('regf.editResidentTitle', { name: r.name })}
      onCancel={p.onClose}
      onOk={submit}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'resident-edit-save' } as never}
      data-testid="resident-edit"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: r.name,
          gender: r.gender,
          relation: r.relation,
          maritalStatus: r.maritalStatus ?? undefined,
          isPartyMember: r.isPartyMember,
        }}
      >
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[{ required: true, max: 20, whitespace: true }]}
        >
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
        <Form.Item
          name="reason"
          label={t('regf.reasonRequired')}
          rules={[{ required: true, min: 2, max: 200 }]}
        >
          <Input maxLength={200} data-testid="resident-edit-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const EVENTS = ['death', 'marriage', 'move_out', 'care_tag_added', 'care_tag_ended'] as const;
type EventType = (typeof EVENTS)[number];

/** 登记事件: death, marriage, move out, care tag added or ended — each with its date and reason (POST /residents/{id}/events). */
export function ResidentEvent({ resident: r, ...p }: Props & { resident: Resident }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const type = (Form.useWatch('type', form) as EventType | undefined) ?? 'care_tag_added';
  async function submit() {
    const v = (await form.validateFields()) as {
      type: EventType;
      on: string;
      reason?: string;
      tag?: CareTag;
      joinHouseholdId?: number;
      toGridCode?: string;
      address?: string;
    };
    const reason = v.reason?.trim() || undefined;
    const body =
      v.type === 'death'
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
    try {
      await ok(api.POST('/api/v1/residents/{id}/events', { params: { path: { id: r.id } }, body }));
      void message.success(t('regf.saved'));
      p.onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  const reasonRequired = type === 'move_out' || type === 'care_tag_added' || type === 'care_tag_ended';
  return (
    <Modal
      open={p.open}
      title={t('regf.eventTitle', { name: r.name })}
      onCancel={p.onClose}
      onOk={submit}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'resident-event-save' } as never}
      data-testid="resident-event"
    >
      <Form form={form} layout="vertical" initialValues={{ type: 'care_tag_added' }}>
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
        <Form.Item
          name="reason"
          label={t(reasonRequired ? 'regf.reasonRequired' : 'regf.reason')}
          rules={[{ required: reasonRequired, min: 2, max: 200 }]}
        >
          <Input maxLength={200} data-testid="resident-event-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
