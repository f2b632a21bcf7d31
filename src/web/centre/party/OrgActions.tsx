import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { PartyOrgDetail } from './types.js';

type Mode = 'create' | 'rename' | 'merge' | 'transferIn';
const KINDS = ['township_committee', 'community_committee', 'branch', 'grid_branch', 'grid_group'] as const;
export const dayOf = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** The organiser's changes to one organisation: create below it, rename, merge it away, transfer a member in. */
export function OrgActions({ org, onChanged }: { org: PartyOrgDetail; onChanged: () => void }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const orgs = useLoad(
    () =>
      mode === 'merge' || mode === 'transferIn'
        ? ok(api.GET('/api/v1/party/orgs', {}))
        : Promise.resolve(undefined),
    [mode],
  );
  const open = (m: Mode) => {
    form.resetFields();
    if (m === 'create') form.setFieldsValue({ regionCode: org.regionCode });
    if (m === 'rename') form.setFieldsValue({ name: org.name });
    setMode(m);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const id = org.id;
      if (mode === 'create')
        await ok(
          api.POST('/api/v1/party/orgs', {
            body: { parentId: id, kind: v.kind, name: v.name, regionCode: v.regionCode },
          }),
        );
      if (mode === 'rename')
        await ok(api.PATCH('/api/v1/party/orgs/{id}', { params: { path: { id } }, body: { name: v.name } }));
      if (mode === 'merge')
        await ok(
          api.POST('/api/v1/party/orgs/{id}/merge', {
            params: { path: { id } },
            body: { intoId: v.intoId, on: dayOf(v.on), reason: v.reason },
          }),
        );
      if (mode === 'transferIn')
        await ok(
          api.POST('/api/v1/party/members/transfer-in', {
            body: { residentId: v.residentId, orgId: id, on: dayOf(v.on), from: v.from },
          }),
        );
      message.success(t('party.edit.done'));
      setMode(null);
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const others = (orgs.data?.items ?? []).filter((o) => o.id !== org.id);
  return (
    <>
      <Space wrap size={4}>
        <Button size="small" type="primary" onClick={() => open('create')} data-testid="party-org-create">
          {t('party.edit.create')}
        </Button>
        <Button size="small" onClick={() => open('rename')} data-testid="party-org-rename">
          {t('party.edit.rename')}
        </Button>
        {org.kind !== 'county_committee' && (
          <Button size="small" danger onClick={() => open('merge')} data-testid="party-org-merge">
            {t('party.edit.merge')}
          </Button>
        )}
        {['branch', 'grid_branch', 'grid_group'].includes(org.kind) && (
          <Button size="small" onClick={() => open('transferIn')} data-testid="party-org-transfer-in">
            {t('party.edit.transferIn')}
          </Button>
        )}
      </Space>
      <Modal
        open={mode !== null}
        title={mode ? `${t(`party.edit.${mode}`)} · ${org.name}` : ''}
        onOk={submit}
        confirmLoading={busy}
        onCancel={() => setMode(null)}
        okText={t('party.edit.ok')}
        destroyOnHidden
        data-testid="party-edit-modal"
      >
        <Form form={form} layout="vertical">
          {mode === 'create' && (
            <Form.Item name="kind" label={t('party.kind')} rules={[{ required: true }]}>
              <Select
                data-testid="party-edit-kind"
                options={KINDS.map((k) => ({ value: k, label: label('party.kind', k) }))}
              />
            </Form.Item>
          )}
          {(mode === 'create' || mode === 'rename') && (
            <Form.Item name="name" label={t('party.edit.name')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input data-testid="party-edit-name" />
            </Form.Item>
          )}
          {mode === 'create' && (
            <Form.Item
              name="regionCode"
              label={t('party.edit.regionCode')}
              extra={t('party.edit.regionHint')}
              rules={[{ required: true, pattern: /^(\d{9}|\d{12}|\d{15})$/ }]}
            >
              <Input data-testid="party-edit-region" />
            </Form.Item>
          )}
          {mode === 'merge' && (
            <Form.Item name="intoId" label={t('party.edit.into')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={orgs.loading}
                data-testid="party-edit-into"
                options={others.map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))}
              />
            </Form.Item>
          )}
          {mode === 'transferIn' && (
            <>
              <Form.Item name="residentId" label={t('party.edit.residentId')} rules={[{ required: true }]}>
                <InputNumber min={1} style={{ width: '100%' }} data-testid="party-edit-resident" />
              </Form.Item>
              <Form.Item name="from" label={t('party.edit.from')} rules={[{ required: true, min: 2 }]}>
                <Input data-testid="party-edit-from" />
              </Form.Item>
            </>
          )}
          {(mode === 'merge' || mode === 'transferIn') && (
            <Form.Item name="on" label={t('party.edit.on')} rules={[{ required: true }]}>
              <DatePicker data-testid="party-edit-on" />
            </Form.Item>
          )}
          {mode === 'merge' && (
            <Form.Item name="reason" label={t('party.edit.reason')} rules={[{ required: true }]}>
              <Input data-testid="party-edit-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
