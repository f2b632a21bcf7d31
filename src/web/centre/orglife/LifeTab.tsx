import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

export const LIFE_KINDS = ['branch_assembly', 'committee', 'group', 'lesson', 'theme_day'] as const;

/** The party organisations of my scope that hold organisational life (branches and groups). */
export function useLifeOrgs() {
  return useLoad(
    () =>
      ok(api.GET('/api/v1/party/orgs', { params: { query: {} } })).then((r) =>
        r.items.filter((o) => ['branch', 'grid_branch', 'grid_group'].includes(o.kind)),
      ),
    [],
  );
}

/** 三会一课 and 主题党日: meetings held, and recording one with its attendance and minutes. */
export function LifeTab() {
  const { t, label } = useLang();
  const { can } = useSession();
  const [tick, setTick] = useState(0);
  const [recording, setRecording] = useState(false);
  const list = useLoad(
    () => ok(api.GET('/api/v1/org-life/meetings', { params: { query: { limit: 50 } } })),
    [tick],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('orglife.record') && (
        <Button type="primary" data-testid="ol-record" onClick={() => setRecording(true)}>
          {t('ol.record')}
        </Button>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="ol-meetings"
        columns={[
          { title: t('ol.heldOn'), dataIndex: 'heldOn' },
          { title: t('ol.org'), dataIndex: 'orgName' },
          { title: t('ol.kind'), dataIndex: 'kind', render: (k: string) => label('ol.kind', k) },
          { title: t('ol.topic'), dataIndex: 'topic' },
          {
            title: t('ol.attendance'),
            render: (_, m) => `${m.present} / ${m.membersTotal}`,
          },
        ]}
      />
      {recording && (
        <RecordModal
          onClose={() => setRecording(false)}
          onMade={() => {
            setRecording(false);
            setTick((n) => n + 1);
          }}
        />
      )}
    </Space>
  );
}

function RecordModal(p: { onClose: () => void; onMade: () => void }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const orgs = useLifeOrgs();
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const org = useLoad(
    () =>
      orgId
        ? ok(api.GET('/api/v1/org-life/org', { params: { query: { orgId } } }))
        : Promise.resolve(undefined),
    [orgId],
  );
  const roster = org.data?.roster ?? [];
  const submit = async () => {
    const v = await form.validateFields();
    const present = new Set<number>(v.present ?? []);
    try {
      await ok(
        api.POST('/api/v1/org-life/meetings', {
          body: {
            orgId: v.orgId,
            kind: v.kind,
            heldOn: (v.heldOn as dayjs.Dayjs).format('YYYY-MM-DD'),
            topic: v.topic,
            minutes: v.minutes ?? '',
            attendance: roster.map((m) => ({
              memberId: m.id,
              status: present.has(m.id) ? ('present' as const) : ('absent' as const),
            })),
            clientRequestId: crypto.randomUUID(),
          },
        }),
      );
      message.success(t('ol.saved'));
      p.onMade();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <Modal
      open
      title={t('ol.record')}
      onCancel={p.onClose}
      onOk={submit}
      okButtonProps={{ id: 'ol-record-ok' }}
    >
      <Form form={form} layout="vertical" initialValues={{ heldOn: dayjs(), kind: 'committee' }}>
        <Form.Item name="orgId" label={t('ol.org')} rules={[{ required: true }]}>
          <Select
            data-testid="ol-org"
            showSearch
            optionFilterProp="label"
            options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('ol.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="ol-kind"
            options={LIFE_KINDS.map((k) => ({ value: k, label: label('ol.kind', k) }))}
          />
        </Form.Item>
        <Form.Item name="heldOn" label={t('ol.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="topic" label={t('ol.topic')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="ol-topic" maxLength={100} />
        </Form.Item>
        <Form.Item name="present" label={`${t('ol.present')}（${roster.length}）`}>
          <Checkbox.Group
            data-testid="ol-roster"
            options={roster.map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        <Form.Item name="minutes" label={t('ol.minutes')}>
          <Input.TextArea data-testid="ol-minutes" rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
