import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  List,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

const STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const;

/** A meeting: agenda, participants and attendance, minutes, matters, resolutions and their follow-through. */
export function MeetingDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const m = useLoad(() => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })), [id, tick]);
  const [present, setPresent] = useState<number[] | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [resText, setResText] = useState('');
  const [responsible, setResponsible] = useState('');
  const manage = can('meetings.convene');
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      setTick((n) => n + 1);
      onChanged();
      return true;
    } catch (err) {
      message.error(errorText(err, lang));
      return false;
    }
  };
  const d = m.data;
  if (!d) return null;
  const attended = present ?? d.participants.filter((p) => p.attended).map((p) => p.id);
  // who came is recorded once the meeting's day has come (China's calendar day, as the server counts)
  const notYet = d.heldOn > new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="meeting-detail">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('mtg.title')} span={2}>
          {d.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('mtg.meetingKind')}>
          <span data-testid="meeting-kind">{label('mtg.meetingKind', d.kind)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mtg.heldOn')}>{d.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('mtg.place')}>{d.place || d.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('mtg.convener')}>
          {label('mtg.convenerKind', d.convenerKind)} · {d.convenerName}
        </Descriptions.Item>
        <Descriptions.Item label={t('mtg.attendance')}>
          <Tag>{label('mtg.state', d.state)}</Tag> {d.state === 'held' && `${d.attended}/${d.invited}`}
        </Descriptions.Item>
      </Descriptions>
      <h4>{t('mtg.agenda')}</h4>
      <ol>
        {d.agenda.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ol>
      <h4>{t('mtg.participants')}</h4>
      <Checkbox.Group
        data-testid="meeting-attendance"
        value={attended}
        disabled={!manage}
        onChange={(v) => setPresent(v as number[])}
        options={d.participants.map((p) => ({
          value: p.id,
          label: `${label('mtg.kind', p.kind)} · ${p.name}${p.ref ? ` #${p.ref.id}` : ''}`,
        }))}
      />
      {d.matterSteps.length > 0 && (
        <>
          <h4>{t('mtg.matterSteps')}</h4>
          <ul data-testid="meeting-matter-steps">
            {d.matterSteps.map((x) => (
              <li key={`${x.matterId}-${x.action}`}>
                <a href={`/meetings/matters/${x.matterId}`}>{x.title}</a> · {label('mm.step', x.action)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('mtg.minutes')}</h4>
      {manage ? (
        <Input.TextArea
          rows={3}
          value={minutes ?? d.minutes ?? ''}
          onChange={(e) => setMinutes(e.target.value)}
        />
      ) : (
        <p>{d.minutes}</p>
      )}
      {manage && (
        <Button
          data-testid="meeting-record"
          disabled={notYet}
          title={notYet ? t('mtg.notYet') : undefined}
          onClick={() =>
            void run(
              ok(
                api.POST('/api/v1/meetings/{id}/record', {
                  params: { path: { id } },
                  body: { attended, ...(minutes !== null ? { minutes } : {}), version: d.version },
                }),
              ),
            )
          }
        >
          {t('mtg.record')}
        </Button>
      )}
      <h4>{t('mtg.matters')}</h4>
      <List
        size="small"
        dataSource={d.matterList}
        renderItem={(x) => (
          <List.Item>
            {x.title} {x.linkType && <Tag>{`${x.linkType} #${x.linkId}`}</Tag>}
            <Tag color={x.settled ? 'green' : 'orange'}>
              {x.settled ? t('mtg.settled') : t('mtg.unsettled')}
            </Tag>
          </List.Item>
        )}
      />
      <h4>{t('mtg.resolutions')}</h4>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.resolutionList}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Timeline
                items={r.updates.map((u) => ({
                  content: `${u.onDate} ${label('mtg.res', u.status)} ${u.progress}% · ${u.note}（${u.actorName}）`,
                }))}
              />
              {manage && r.status !== 'done' && r.status !== 'dropped' && (
                <UpdateForm resolution={r} onDone={run} />
              )}
            </Space>
          ),
        }}
        columns={[
          { title: t('mtg.resolutionText'), dataIndex: 'text' },
          { title: t('mtg.responsible'), dataIndex: 'responsible', width: 110 },
          { title: t('mtg.due'), dataIndex: 'dueOn', width: 100 },
          {
            title: t('mtg.progress'),
            key: 'p',
            width: 160,
            render: (_: unknown, r) => (
              <Space>
                <Progress percent={r.progress} size="small" style={{ width: 70 }} />
                <Tag>{label('mtg.res', r.status)}</Tag>
              </Space>
            ),
          },
        ]}
      />
      {manage && d.state === 'held' && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={resText}
            onChange={(e) => setResText(e.target.value)}
            placeholder={t('mtg.resolutionText')}
          />
          <Input
            style={{ width: 140 }}
            value={responsible}
            onChange={(e) => setResponsible(e.target.value)}
            placeholder={t('mtg.responsible')}
          />
          <Button
            disabled={resText.trim().length < 2 || !responsible.trim()}
            onClick={() =>
              void run(
                ok(
                  api.POST('/api/v1/meetings/{id}/resolutions', {
                    params: { path: { id } },
                    body: { text: resText.trim(), responsible: responsible.trim() },
                  }),
                ),
              ).then((done) => done && (setResText(''), setResponsible('')))
            }
          >
            {t('mtg.addResolution')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}

function UpdateForm({
  resolution,
  onDone,
}: {
  resolution: { id: number; progress: number; status: string; version: number };
  onDone: (p: Promise<unknown>) => Promise<boolean>;
}) {
  const { t, label } = useLang();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('in_progress');
  const [progress, setProgress] = useState(resolution.progress);
  const [note, setNote] = useState('');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        style={{ width: 110 }}
        value={status}
        onChange={setStatus}
        options={STATUSES.map((s) => ({ value: s, label: label('mtg.res', s) }))}
      />
      <InputNumber min={0} max={100} value={progress} onChange={(v) => setProgress(v ?? 0)} suffix="%" />
      <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('mtg.note')} />
      <Button
        disabled={!note.trim()}
        onClick={() =>
          void onDone(
            ok(
              api.POST('/api/v1/meeting-resolutions/{id}/updates', {
                params: { path: { id: resolution.id } },
                body: { status, progress, note: note.trim(), version: resolution.version },
              }),
            ),
          )
        }
      >
        {t('mtg.update')}
      </Button>
    </Space.Compact>
  );
}
