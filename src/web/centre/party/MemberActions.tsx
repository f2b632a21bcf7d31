import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { dayOf } from './OrgActions.js';

type Mode = 'move' | 'transferOut';
const MEMBER_KINDS = ['branch', 'grid_branch', 'grid_group'];

/** The organiser's changes to one member: move to another branch or group, or transfer the relation out, dated. */
export function MemberActions({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const orgs = useLoad(
    () => (mode === 'move' ? ok(api.GET('/api/v1/party/orgs', {})) : Promise.resolve(undefined)),
    [mode],
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const params = { path: { id } };
      if (mode === 'move')
        await ok(
          api.POST('/api/v1/party/members/{id}/move', { params, body: { orgId: v.orgId, on: dayOf(v.on) } }),
        );
      if (mode === 'transferOut')
        await ok(
          api.POST('/api/v1/party/members/{id}/transfer-out', {
            params,
            body: { on: dayOf(v.on), to: v.to },
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
  const open = (m: Mode) => (form.resetFields(), setMode(m));
  const targets = (orgs.data?.items ?? []).filter((o) => MEMBER_KINDS.includes(o.kind));
  return (
    <>
      <Space size={4} style={{ marginBottom: 12 }}>
        <Button size="small" type="primary" onClick={() => open('move')} data-testid="party-member-move">
          {t('party.edit.move')}
        </Button>
        <Button
          size="small"
          danger
          onClick={() => open('transferOut')}
          data-testid="party-member-transfer-out"
        >
          {t('party.edit.transferOut')}
        </Button>
      </Space>
      <Modal
        open={mode !== null}
        title={mode ? t(`party.edit.${mode}`) : ''}
        onOk={submit}
        confirmLoading={busy}
        onCancel={() => setMode(null)}
        okText={t('party.edit.ok')}
        destroyOnHidden
        data-testid="party-member-modal"
      >
        <Form form={form} layout="vertical">
          {mode === 'move' && (
            <Form.Item name="orgId" label={t('party.edit.toOrg')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={orgs.loading}
                data-testid="party-edit-org"
                options={targets.map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))}
              />
            </Form.Item>
          )}
          {mode === 'transferOut' && (
            <Form.Item name="to" label={t('party.edit.to')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="party-edit-to" />
            </Form.Item>
          )}
          <Form.Item name="on" label={t('party.edit.on')} rules={[{ required: true }]}>
            <DatePicker data-testid="party-edit-on" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
