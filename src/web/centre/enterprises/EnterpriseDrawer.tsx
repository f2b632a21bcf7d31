import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Skeleton,
  Space,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { AssignHelper } from './AssignHelper.js';
import { LedgerTable } from './LedgerTable.js';
import { EditEnterprise } from './EditEnterprise.js';
import { EndWithReason } from '../common/EndWithReason.js';
import type { EnterpriseDetail, HelpEntry } from './types.js';

type Helper = EnterpriseDetail['helpersList'][number];

/** An enterprise: its coverage, the cadres helping it and its help ledger, with what may be recorded. */
export function EnterpriseDrawer({
  id,
  tick,
  onClose,
  onSolve,
  onRaise,
  onChanged,
}: {
  id: number | null;
  tick: number;
  onClose: () => void;
  onSolve: (n: HelpEntry) => void;
  onRaise: (n: HelpEntry) => void;
  onChanged: () => void;
}) {
  const { t, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/enterprises/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const e = res.data;
  const [editing, setEditing] = useState(false);

  async function record(v: { kind: 'visit' | 'problem'; cadreId: number; happenedOn: Dayjs; note: string }) {
    if (!id) return;
    try {
      await ok(
        api.POST('/api/v1/enterprises/{id}/help', {
          params: { path: { id } },
          body: { ...v, happenedOn: v.happenedOn.format('YYYY-MM-DD') },
        }),
      );
      void message.success(t('ent.saved'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }

  const cadres = e
    ? [
        ...e.helpersList.map((h) => ({ value: h.cadreId, label: h.cadreName })),
        ...(e.instructorId && !e.helpersList.some((h) => h.cadreId === e.instructorId)
          ? [{ value: e.instructorId, label: e.instructorName ?? '' }]
          : []),
      ]
    : [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={960}
      title={e?.name ?? t('menu.enterprises')}
      data-testid="ent-drawer"
      extra={
        e && can('enterprises.manage') ? (
          <Button onClick={() => setEditing(true)} data-testid="ent-edit-open">
            {t('ent.edit')}
          </Button>
        ) : null
      }
    >
      {e && editing ? (
        <EditEnterprise
          enterprise={e}
          cadres={cadres}
          open
          onClose={() => setEditing(false)}
          onDone={() => (setEditing(false), onChanged())}
        />
      ) : null}
      {!e ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('ent.creditCode')}>{e.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('ent.kind')}>{t(`ent.kind.${e.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('ent.grid')}>{e.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('ent.address')}>{e.address}</Descriptions.Item>
            <Descriptions.Item label={t('ent.size')}>{t(`ent.size.${e.size}`)}</Descriptions.Item>
            <Descriptions.Item label={t('ent.sector')}>{e.sector}</Descriptions.Item>
            <Descriptions.Item label={t('ent.partyOrg')}>{e.partyOrgName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ent.instructor')}>{e.instructorName ?? '—'}</Descriptions.Item>
          </Descriptions>
          <h4>{t('ent.helpers')}</h4>
          <Table<Helper>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={e.helpersList}
            data-testid="ent-helpers"
            columns={[
              { title: t('ent.ledger.cadre'), dataIndex: 'cadreName' },
              { title: t('cadres.unit'), dataIndex: 'unit', render: (u: string | null) => u ?? '—' },
              { title: t('cadres.startedOn'), dataIndex: 'startedOn', width: 110 },
              {
                title: t('cadres.endedOn'),
                dataIndex: 'endedOn',
                width: 330,
                render: (d: string | null, h: Helper) =>
                  d ? (
                    `${d}${h.endReason ? `（${h.endReason}）` : ''}`
                  ) : can('enterprises.manage') ? (
                    <EndWithReason
                      label={t('ent.endHelper')}
                      testId={`helper-end-${h.id}`}
                      onEnd={async (endedOn, reason) => {
                        await ok(
                          api.POST('/api/v1/enterprises/helpers/{id}/end', {
                            params: { path: { id: h.id } },
                            body: { endedOn, reason },
                          }),
                        );
                        onChanged();
                      }}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {can('enterprises.manage') ? <AssignHelper enterpriseId={e.id} onDone={onChanged} /> : null}
          <h4>{t('ent.tab.ledger')}</h4>
          <LedgerTable
            table={{ dataSource: e.ledger, pagination: false }}
            onSolve={onSolve}
            onRaise={onRaise}
            testId="ent-ledger"
          />
          {can('enterprises.help') && cadres.length > 0 ? (
            <Form
              layout="inline"
              onFinish={record}
              initialValues={{ kind: 'problem', cadreId: cadres[0]!.value }}
              data-testid="ent-help-form"
            >
              <Form.Item name="kind">
                <Select
                  style={{ width: 90 }}
                  options={(['visit', 'problem'] as const).map((k) => ({
                    value: k,
                    label: t(`ent.ledger.kind.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="cadreId">
                <Select style={{ width: 110 }} options={cadres} />
              </Form.Item>
              <Form.Item name="happenedOn" rules={[{ required: true }]}>
                <DatePicker data-testid="ent-help-date" />
              </Form.Item>
              <Form.Item name="note" rules={[{ required: true, max: 1000 }]}>
                <Input
                  style={{ width: 260 }}
                  placeholder={t('ent.ledger.note')}
                  data-testid="ent-help-note"
                />
              </Form.Item>
              <Button htmlType="submit" data-testid="ent-help-submit">
                {t('ent.ledger.add')}
              </Button>
            </Form>
          ) : null}
        </Space>
      )}
    </Drawer>
  );
}
