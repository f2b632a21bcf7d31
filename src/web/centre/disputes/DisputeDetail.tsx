import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { Dispute } from './types.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { SessionForm } from './SessionForm.js';
import { CallButton } from '../calls/CallButton.js';

type Action = Dispute['actions'][number];

/** 纠纷详情: parties (masked), steps, record sheets (print), and the actions the API offers the caller. */
export function DisputeDetail({ id }: { id: number }) {
  const { t, label } = useLang();
  const d = useLoad(() => ok(api.GET('/api/v1/disputes/{id}', { params: { path: { id } } })), [id]);
  const [action, setAction] = useState<Action | null>(null);
  const [recording, setRecording] = useState(false);
  const x = d.data;
  if (!x) return <Card loading={d.loading}>{d.error ? errorText(d.error) : null}</Card>;
  const mayRecord = x.actions.includes('settle');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        title={`${t('menu.disputes')} ${x.number}`}
        extra={
          <Space>
            <CallButton about={{ type: 'dispute', id }} />
            {x.actions.map((a) => (
              <Button key={a} data-testid={`dispute-action-${a}`} onClick={() => setAction(a)}>
                {label('disputes.action', a)}
              </Button>
            ))}
            {mayRecord && (
              <Button type="primary" data-testid="dispute-record" onClick={() => setRecording(true)}>
                {t('disputes.newSession')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('disputes.type')}>{label('disputes.type', x.type)}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.risk')}>
            {label('disputes.risk', x.riskLevel)}{' '}
            {x.riskSigns.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.tier')}>{label('disputes.tier', x.tier)}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.state')}>
            <span data-testid="dispute-state">{label('disputes.state', x.state)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.deadline')}>{fmtTime(x.deadlineAt)}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.amount')}>{x.amountYuan ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.lead')}>{x.leadDepartment?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.assisting')}>
            {x.assistingDepartments.map((a) => a.name).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.agreement')}>{x.agreement ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('disputes.followUpDue')}>{x.followUpDue ?? '—'}</Descriptions.Item>
          {x.petitionId && (
            <Descriptions.Item label={t('disputes.petition')} span={2}>
              <a href={`/petitions/register/${x.petitionId}`} data-testid="dispute-petition-link">
                {x.petitionNumber}
              </a>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('disputes.summary')} span={2}>
            {x.summary}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.parties')} span={2}>
            {x.parties
              .map(
                (p) =>
                  `${label('disputes.side', p.side)}：${p.name}${p.phoneMasked ? `（${p.phoneMasked}）` : ''}`,
              )
              .join('；')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('disputes.sessions')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={x.sessions}
          columns={[
            { title: t('disputes.heldOn'), dataIndex: 'heldOn' },
            { title: t('disputes.place'), dataIndex: 'placeName' },
            { title: t('disputes.remote'), render: (_, s) => (s.remote ? '✓' : '') },
            { title: t('disputes.outcome'), render: (_, s) => label('disputes.outcome', s.outcome) },
            {
              title: t('disputes.sheet'),
              render: (_, s) => (
                <Button
                  size="small"
                  data-testid="open-sheet"
                  onClick={() => navigate(`/disputes/sheet/${s.id}`)}
                >
                  {t('disputes.print')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('disputes.history')} size="small">
        <Timeline
          items={x.history.map((h) => ({
            children: `${fmtTime(h.at)} ${label('disputes.action', h.action)} · ${label('disputes.tier', h.tier)} · ${h.actorName}${h.note ? `：${h.note}` : ''}`,
          }))}
        />
      </Card>
      {action && <ActionModal d={x} action={action} onClose={() => setAction(null)} onDone={d.reload} />}
      {recording && <SessionForm d={x} onClose={() => setRecording(false)} onDone={d.reload} />}
    </Space>
  );
}

function ActionModal({
  d,
  action,
  onClose,
  onDone,
}: {
  d: Dispute;
  action: Action;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, label, lang } = useLang();
  const [text, setText] = useState('');
  const [held, setHeld] = useState(true);
  const [lead, setLead] = useState<number | undefined>();
  const [assisting, setAssisting] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const depts = useLoad(
    () =>
      action === 'assign'
        ? ok(
            api.GET('/api/v1/departments', {
              params: { query: { within: d.holderCode, tier: d.tier === 'county' ? 'county' : 'township' } },
            }),
          )
        : Promise.resolve({ items: [] }),
    [action],
  );
  const options = (depts.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  const body = () => {
    switch (action) {
      case 'escalate':
      case 'fail':
        return { reason: text };
      case 'settle':
        return { agreement: text };
      case 'follow_up':
        return { held, note: text };
      case 'assign':
        return { leadDepartmentId: lead ?? 0, assistingDepartmentIds: assisting };
    }
  };
  const submit = async () => {
    try {
      await ok(
        api.POST('/api/v1/disputes/{id}/actions/{action}', {
          params: { path: { id: d.id, action } },
          body: { ...body(), version: d.version } as never,
        }),
      );
      onClose();
      onDone();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={label('disputes.action', action)}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ 'data-testid': 'action-ok' } as never}
    >
      <Form layout="vertical">
        {action === 'assign' ? (
          <>
            <Form.Item label={t('disputes.lead')}>
              <Select data-testid="assign-lead" options={options} value={lead} onChange={setLead} />
            </Form.Item>
            {d.tier === 'township' && (
              <Form.Item label={t('disputes.assisting')}>
                <Select mode="multiple" options={options} value={assisting} onChange={setAssisting} />
              </Form.Item>
            )}
          </>
        ) : (
          <>
            {action === 'follow_up' && (
              <Form.Item label={t('disputes.held')}>
                <Switch checked={held} onChange={setHeld} />
              </Form.Item>
            )}
            <Form.Item
              label={
                action === 'settle'
                  ? t('disputes.agreement')
                  : action === 'follow_up'
                    ? t('disputes.note')
                    : t('disputes.reason')
              }
            >
              <Input.TextArea
                data-testid="action-text"
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
