import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Detail = paths['/api/v1/whistles/{id}']['get']['responses'][200]['content']['application/json'];
type Action = Detail['actions'][number];

/** The clock of a request: due time, hours left or overdue, escalated. */
export function Clock({ w }: { w: Pick<Detail, 'state' | 'dueAt' | 'overdue' | 'escalated'> }) {
  const { t } = useLang();
  if (w.state !== 'raised') return <span>{fmtTime(w.dueAt)}</span>;
  const hours = Math.round((new Date(w.dueAt).getTime() - Date.now()) / 3_600_000);
  return (
    <Space size={4} data-testid="whistle-clock">
      <span>{fmtTime(w.dueAt)}</span>
      {w.overdue ? (
        <Tag color="red">{t('whistles.overdue')}</Tag>
      ) : (
        <Tag color="blue">{`${t('whistles.left')} ${hours}h`}</Tag>
      )}
      {w.escalated ? <Tag color="volcano">{t('whistles.escalated')}</Tag> : null}
    </Space>
  );
}

/** One request: what was asked, the clock, the answer, the steps, and the actions the API offers. */
export function WhistleDrawer({
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
  const [acting, setActing] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [dept, setDept] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/whistles/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const depts = useLoad(() => ok(api.GET('/api/v1/whistles/departments')), []);
  const w = res.data;
  const moves = acting === 'hand_on' || acting === 'direct';

  async function submit() {
    if (!w || !acting) return;
    const words = text.trim();
    if (acting !== 'confirm' && words.length < 2) return setError(t('whistles.required'));
    if (moves && !dept) return setError(t('whistles.required'));
    const body =
      acting === 'answer'
        ? { answer: words }
        : acting === 'confirm'
          ? words
            ? { comment: words }
            : {}
          : moves
            ? { departmentId: dept, reason: words }
            : { reason: words };
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/whistles/{id}/actions/{action}', {
          params: { path: { id: w.id, action: acting } },
          body: { version: w.version, ...body } as never,
        }),
      );
      setActing(null);
      onChanged();
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={w ? `${w.number} · ${w.subject}` : ''}
      data-testid="whistle-drawer"
    >
      {res.error ? <Alert type="error" title={errorText(res.error, lang)} /> : null}
      {w && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('whistles.state')}>
              <Tag data-testid="whistle-state">{label('whistles.state', w.state)}</Tag>
              <Tag>{label('whistles.kind', w.kind)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.clock')}>
              <Clock w={w} />
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.region')}>{w.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('whistles.department')}>{w.departmentName}</Descriptions.Item>
            <Descriptions.Item label={t('whistles.description')} span={2}>
              {w.description}
            </Descriptions.Item>
            {w.enterpriseName ? (
              <Descriptions.Item label={t('whistles.enterprise')}>{w.enterpriseName}</Descriptions.Item>
            ) : null}
            {w.followCadreName ? (
              <Descriptions.Item label={t('whistles.followCadre')}>{w.followCadreName}</Descriptions.Item>
            ) : null}
            {w.answer ? (
              <Descriptions.Item label={t('whistles.answer')} span={2}>
                <span data-testid="whistle-answer">{w.answer}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {w.actions.includes('hand_on') ? (
            <Typography.Text type="secondary">{t('whistles.noReturn')}</Typography.Text>
          ) : null}
          <Space wrap>
            {w.actions.map((a) => (
              <Button
                key={a}
                type={a === 'answer' || a === 'confirm' ? 'primary' : 'default'}
                onClick={() => (setActing(a), setText(''), setDept(undefined), setError(null))}
                data-testid={`whistle-action-${a}`}
              >
                {t(`whistles.action.${a}` as 'whistles.action.answer')}
              </Button>
            ))}
          </Space>
          <Typography.Title level={5}>{t('whistles.steps')}</Typography.Title>
          <Timeline
            items={w.steps.map((s) => ({
              content: (
                <span>
                  {fmtTime(s.at)} {label('whistles.step', s.action)} · {s.departmentName}
                  {s.toDepartmentName ? ` → ${s.toDepartmentName}` : ''}{' '}
                  {s.actorName ? `· ${s.actorName}` : ''}
                  {s.note ? <div>{s.note}</div> : null}
                </span>
              ),
            }))}
          />
        </Space>
      )}
      <Modal
        open={acting !== null}
        title={acting ? t(`whistles.action.${acting}` as 'whistles.action.answer') : ''}
        onCancel={() => setActing(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'whistle-action-submit' } as ButtonProps}
      >
        {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} /> : null}
        {moves ? (
          <Select
            style={{ width: '100%', marginBottom: 12 }}
            placeholder={t('whistles.department')}
            value={dept}
            onChange={setDept}
            options={(depts.data?.items ?? [])
              .filter((d) => d.id !== w?.departmentId)
              .map((d) => ({ value: d.id, label: d.name }))}
            data-testid="whistle-action-department"
          />
        ) : null}
        <Input.TextArea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t(
            acting === 'answer'
              ? 'whistles.answer'
              : acting === 'confirm'
                ? 'whistles.comment'
                : 'whistles.reason',
          )}
          data-testid="whistle-action-text"
        />
      </Modal>
    </Drawer>
  );
}
