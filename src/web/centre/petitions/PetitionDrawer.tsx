import type { ButtonProps } from 'antd';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Detail = paths['/api/v1/petitions/{id}']['get']['responses'][200]['content']['application/json'];
type Action = Detail['actions'][number];
type Revealed = { name?: string; idNumber?: string | null; phone?: string | null };

/** The dispute types a petition can become (the disputes module's list). */
const DISPUTE_TYPES = [
  'neighbour',
  'family',
  'marriage',
  'land_homestead',
  'labour',
  'property',
  'compensation',
  'contract',
  'other',
] as const;

/** The fields each action asks for (the API's per-action body). */
const FIELDS: Record<
  Action,
  Array<'answer' | 'reason' | 'note' | 'days' | 'category' | 'grid' | 'channel' | 'disputeType'>
> = {
  answer_on_spot: ['answer'],
  accept: ['note'],
  not_accept: ['reason'],
  to_case: ['category', 'grid', 'note'],
  to_dispute: ['disputeType', 'grid', 'note'],
  refer: ['channel', 'note'],
  extend: ['days', 'reason'],
  answer: ['answer'],
  request_review: ['note'],
  decide_review: ['answer'],
  request_rereview: ['note'],
  decide_rereview: ['answer'],
};

/** One petition: the visitor (masked; audited reveal), the matter, the statutory limit, the history, the steps. */
export function PetitionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, label, lang } = useLang();
  const [tick, setTick] = useState(0);
  const [acting, setActing] = useState<Action | 'reveal' | null>(null);
  const [v, setV] = useState<Record<string, string | number | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Revealed | null>(null);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/petitions/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const p = res.data;
  const open = (a: Action | 'reveal') => {
    setActing(a);
    setError(null);
    setV(
      (a === 'to_case' || a === 'to_dispute') && p && p.regionCode.length === 15
        ? { grid: p.regionCode }
        : a === 'refer'
          ? { channel: 'litigation' }
          : {},
    );
  };
  const str = (k: string) =>
    typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : undefined;

  async function submit() {
    if (!p || !acting) return;
    setError(null);
    try {
      if (acting === 'reveal') {
        if (!str('reason') || str('reason')!.length < 4) return setError(t('pet.required'));
        setShown(
          await ok(
            api.POST('/api/v1/petitions/{id}/reveal', {
              params: { path: { id: p.id } },
              body: { reason: str('reason')!, fields: ['name', 'idNumber', 'phone'] },
            }),
          ),
        );
      } else {
        const body = {
          version: p.version,
          answer: str('answer'),
          reason: str('reason'),
          note: str('note'),
          days: typeof v.days === 'number' ? v.days : undefined,
          categoryCode: str('category'),
          gridCode: str('grid'),
          channel: str('channel'),
          type: str('disputeType'),
        };
        await ok(
          api.POST('/api/v1/petitions/{id}/actions/{action}', {
            params: { path: { id: p.id, action: acting } },
            body: body as never,
          }),
        );
        onChanged();
        setTick((n) => n + 1);
      }
      setActing(null);
    } catch (err) {
      setError(errorText(err, lang));
    }
  }

  const field = (f: (typeof FIELDS)[Action][number]) => {
    switch (f) {
      case 'days':
        return (
          <InputNumber
            key={f}
            min={1}
            max={30}
            placeholder={t('pet.f.days')}
            onChange={(n) => setV({ ...v, days: n ?? undefined })}
          />
        );
      case 'disputeType':
        return (
          <Select
            key={f}
            style={{ width: '100%' }}
            placeholder={t('disputes.type')}
            value={v.disputeType as string}
            onChange={(c) => setV({ ...v, disputeType: c })}
            data-testid="pet-f-disputeType"
            options={DISPUTE_TYPES.map((c) => ({ value: c, label: label('disputes.type', c) }))}
          />
        );
      case 'channel':
        return (
          <Select
            key={f}
            value={v.channel as string}
            onChange={(c) => setV({ ...v, channel: c })}
            options={['litigation', 'arbitration', 'administrative_review', 'other'].map((c) => ({
              value: c,
              label: label('pet.referral', c),
            }))}
          />
        );
      case 'category':
      case 'grid':
        return (
          <Input
            key={f}
            value={v[f] as string}
            placeholder={t(`pet.f.${f}`)}
            onChange={(e) => setV({ ...v, [f]: e.target.value })}
            data-testid={`pet-f-${f}`}
          />
        );
      default:
        return (
          <Input.TextArea
            key={f}
            rows={3}
            placeholder={t(`pet.f.${f}`)}
            onChange={(e) => setV({ ...v, [f]: e.target.value })}
            data-testid={`pet-f-${f}`}
          />
        );
    }
  };

  return (
    <Drawer
      open={id !== null}
      onClose={() => (setShown(null), onClose())}
      size={680}
      title={p?.number ?? ''}
      data-testid="pet-drawer"
    >
      {res.error ? <Alert type="error" title={errorText(res.error, lang)} /> : null}
      {p && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('pet.state')} span={2}>
              <Tag data-testid="pet-state">{label('pet.state', p.state)}</Tag>
              {p.overdue && <Tag color="red">{t('pet.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('pet.name')}>{shown?.name ?? p.visitorName}</Descriptions.Item>
            <Descriptions.Item label={t('pet.headcount')}>
              {p.headcount}
              {p.groupVisit ? `（${t('pet.group')}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('pet.idNumber')}>
              {shown?.idNumber ?? p.idNumber ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('pet.phone')}>
              <Space>
                <span data-testid="pet-phone-shown">{shown?.phone ?? p.phone ?? '—'}</span>
                {p.canReveal && !shown && (
                  <Button size="small" type="link" onClick={() => open('reveal')} data-testid="pet-reveal">
                    {t('pet.reveal')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('pet.matter')} span={2}>
              {p.matter}
            </Descriptions.Item>
            <Descriptions.Item label={t('pet.channel')}>{label('pet.channel', p.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('pet.window')}>{p.windowName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pet.region')}>{p.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('pet.receivedAt')}>{fmtTime(p.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('pet.dueAt')} span={2}>
              {p.dueAt ? `${fmtTime(p.dueAt)} · ${label('pet.due', p.dueKind)}` : '—'}
            </Descriptions.Item>
            {p.answer && (
              <Descriptions.Item label={t('pet.answer')} span={2}>
                {p.answer}
              </Descriptions.Item>
            )}
            {p.caseId && (
              <Descriptions.Item label={t('pet.case')} span={2}>
                <a href={`/cases/${p.caseId}`} data-testid="pet-case-link">
                  #{p.caseId}
                </a>
              </Descriptions.Item>
            )}
            {p.disputeId && (
              <Descriptions.Item label={t('pet.dispute')} span={2}>
                <a href={`/disputes/${p.disputeId}`} data-testid="pet-dispute-link">
                  #{p.disputeId}
                </a>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap>
            {p.actions.map((a) => (
              <Button key={a} onClick={() => open(a)} data-testid={`pet-action-${a}`}>
                {label('pet.action', a)}
              </Button>
            ))}
          </Space>
          <Typography.Title level={5}>{t('pet.history')}</Typography.Title>
          <Timeline
            items={p.history.map((s) => ({
              content: (
                <Space orientation="vertical" size={0}>
                  <span>
                    {fmtTime(s.at)} ·{' '}
                    {label('pet.step', s.action) !== s.action
                      ? label('pet.step', s.action)
                      : label('pet.action', s.action)}{' '}
                    · {s.actorName ?? ''}
                  </span>
                  {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        </Space>
      )}
      <Modal
        open={acting !== null}
        title={acting === 'reveal' ? t('pet.reveal') : acting ? label('pet.action', acting) : ''}
        onCancel={() => setActing(null)}
        onOk={() => void submit()}
        okButtonProps={{ 'data-testid': 'pet-action-submit' } as ButtonProps}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {acting === 'reveal' ? (
            <Input
              placeholder={t('pet.revealReason')}
              onChange={(e) => setV({ reason: e.target.value })}
              data-testid="pet-reveal-reason"
            />
          ) : (
            acting && FIELDS[acting].map(field)
          )}
          {error && <Alert type="error" title={error} />}
        </Space>
      </Modal>
    </Drawer>
  );
}
