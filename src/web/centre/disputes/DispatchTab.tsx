import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

type Pick = { disputeId: number; assignee: string; decision: string };

/**
 * 周调度 / 月调度: the meetings of the period containing the chosen date (the township's weekly, the
 * county's monthly) with the disputes dispatched and what was decided; the township or county
 * centre records this period's meeting from its open disputes.
 */
export function DispatchTab({ date }: { date: string }) {
  const { t } = useLang();
  const { can, me } = useSession();
  const period = me?.scope.level === 'county' ? 'month' : 'week';
  const list = useLoad(
    () => ok(api.GET('/api/v1/disputes/dispatches', { params: { query: { period, date } } })),
    [period, date],
  );
  const mine = list.data?.items.find((m) => m.regionCode === me?.scope.code);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="dispatch-tab">
      {can('disputes.report') && !mine && !list.loading && (
        <DispatchForm period={period} date={date} onDone={list.reload} />
      )}
      {!list.loading && list.data?.items.length === 0 && (
        <Typography.Text type="secondary">{t('disputes.dispatchNone')}</Typography.Text>
      )}
      {list.data?.items.map((m) => (
        <Card key={m.id} size="small" title={`${m.regionName} ${m.start}`} data-testid="dispatch-meeting">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('disputes.dispatchHeldOn')}>{m.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('disputes.dispatchChair')}>{m.chair}</Descriptions.Item>
            <Descriptions.Item label={t('disputes.dispatchAttendees')} span={2}>
              {m.attendees}
            </Descriptions.Item>
            {m.notes && (
              <Descriptions.Item label={t('disputes.dispatchNotes')} span={2}>
                {m.notes}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('disputes.dispatchReport')}>
              {m.reportIssuedAt ? (
                <Tag color="green">{`${t('disputes.issued')} ${fmtTime(m.reportIssuedAt)}`}</Tag>
              ) : (
                <Tag color="red">{t('disputes.missing')}</Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="disputeId"
            pagination={false}
            dataSource={m.items}
            onRow={(x) => ({
              onClick: () => navigate(`/disputes/${x.disputeId}`),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('disputes.number'), dataIndex: 'number' },
              { title: t('disputes.summary'), dataIndex: 'summary', ellipsis: true },
              { title: t('disputes.dispatchAssignee'), dataIndex: 'assignee' },
              { title: t('disputes.dispatchDecision'), dataIndex: 'decision' },
              { title: t('disputes.dispatchDue'), render: (_, x) => x.dueOn ?? '—' },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

function DispatchForm(p: { period: 'week' | 'month'; date: string; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ chair: string; attendees: string; notes?: string }>();
  const [picks, setPicks] = useState<Pick[]>([]);
  const [busy, setBusy] = useState(false);
  const open = useLoad(
    () => ok(api.GET('/api/v1/disputes', { params: { query: { open: 'true', limit: 100 } } })),
    [],
  );
  const heldOn = dayjs(p.date).isAfter(dayjs(), 'day') ? dayjs().format('YYYY-MM-DD') : p.date;
  const set = (i: number, k: 'assignee' | 'decision', v: string) =>
    setPicks((xs) => xs.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/disputes/dispatches', {
          body: { period: p.period, heldOn, ...v, items: picks.filter((x) => x.decision.trim()) },
        }),
      );
      message.success(t('disputes.dispatchSaved'));
      p.onDone();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${t('disputes.dispatchRecord')} ${heldOn}`} data-testid="dispatch-form">
      <Form form={form} layout="vertical">
        <Form.Item name="chair" label={t('disputes.dispatchChair')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="dispatch-chair" />
        </Form.Item>
        <Form.Item
          name="attendees"
          label={t('disputes.dispatchAttendees')}
          rules={[{ required: true, max: 1000 }]}
        >
          <Input.TextArea rows={2} data-testid="dispatch-attendees" />
        </Form.Item>
        <Form.Item name="notes" label={t('disputes.dispatchNotes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('disputes.dispatchItems')}>
          <Select
            mode="multiple"
            data-testid="dispatch-disputes"
            value={picks.map((x) => x.disputeId)}
            onChange={(ids: number[]) =>
              setPicks(
                ids.map(
                  (id) =>
                    picks.find((x) => x.disputeId === id) ?? { disputeId: id, assignee: '', decision: '' },
                ),
              )
            }
            options={(open.data?.items ?? []).map((d) => ({
              value: d.id,
              label: `${d.number} ${d.summary}`,
            }))}
            optionFilterProp="label"
          />
        </Form.Item>
        {picks.map((x, i) => (
          <Space key={x.disputeId} style={{ display: 'flex', marginBottom: 8 }}>
            <Typography.Text>
              {open.data?.items.find((d) => d.id === x.disputeId)?.number ?? x.disputeId}
            </Typography.Text>
            <Input
              placeholder={t('disputes.dispatchAssignee')}
              value={x.assignee}
              maxLength={100}
              onChange={(e) => set(i, 'assignee', e.target.value)}
            />
            <Input
              placeholder={t('disputes.dispatchDecision')}
              value={x.decision}
              maxLength={500}
              onChange={(e) => set(i, 'decision', e.target.value)}
              data-testid="dispatch-decision"
            />
          </Space>
        ))}
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="dispatch-save">
          {t('disputes.dispatchRecord')}
        </Button>
      </Form>
    </Card>
  );
}
