import {
  Alert,
  App,
  Button,
  Descriptions,
  Input,
  InputNumber,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

type Detail = paths['/api/v1/major-matters/{id}']['get']['responses'][200]['content']['application/json'];
type Action = paths['/api/v1/major-matters/{id}/actions/{action}']['post']['parameters']['path']['action'];

const ORDER = [
  'proposed',
  'discussed',
  'reviewed',
  'decided',
  'resolution_published',
  'result_published',
] as const;
const STEPS = ['propose', 'discuss', 'review', 'decide', 'publish_resolution', 'publish_result'] as const;
const NEXT: Partial<Record<Detail['state'], Action>> = {
  proposed: 'discuss',
  discussed: 'review',
  reviewed: 'decide',
  decided: 'publish_resolution',
  resolution_published: 'publish_result',
};

/** A major matter's 四议两公开 progress, its votes and publications, and the form of its next step. */
export function MatterDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [tick, setTick] = useState(0);
  const m = useLoad(
    () => ok(api.GET('/api/v1/major-matters/{id}', { params: { path: { id } } })),
    [id, tick],
  );
  const d = m.data;
  if (!d) return null;
  const reached =
    d.state === 'rejected' ? d.steps.length - 1 : ORDER.indexOf(d.state as (typeof ORDER)[number]);
  const next = NEXT[d.state];
  const quorum = d.branch ? Math.ceil((d.branch.members * 2) / 3) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="matter-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('mm.title')}>
          {d.title} <Tag data-testid="matter-state">{label('mm.state', d.state)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('mm.village')}>{d.villageName}</Descriptions.Item>
        <Descriptions.Item label={t('mm.proposal')}>{d.proposal}</Descriptions.Item>
        {d.partyVote.total !== null && (
          <Descriptions.Item label={t('mm.step.review')}>
            {t('mm.partyVote', {
              t: d.partyVote.total,
              p: d.partyVote.present ?? 0,
              f: d.partyVote.inFavour ?? 0,
            })}
          </Descriptions.Item>
        )}
        {d.assemblyVote.kind && (
          <Descriptions.Item label={t('mm.step.decide')}>
            {t('mm.assemblyVote', {
              k: label('mm.assembly', d.assemblyVote.kind),
              t: d.assemblyVote.total ?? 0,
              p: d.assemblyVote.present ?? 0,
              f: d.assemblyVote.inFavour ?? 0,
            })}
          </Descriptions.Item>
        )}
        {d.resolution && <Descriptions.Item label={t('mm.resolution')}>{d.resolution}</Descriptions.Item>}
        {d.result && <Descriptions.Item label={t('mm.result')}>{d.result}</Descriptions.Item>}
      </Descriptions>
      <Steps
        size="small"
        direction="vertical"
        current={reached}
        status={d.state === 'rejected' ? 'error' : d.state === 'result_published' ? 'finish' : 'process'}
        items={STEPS.map((s) => ({ title: label('mm.step', s) }))}
      />
      {d.resolutionDisclosureId && (
        <Alert type="success" message={t('mm.disclosure', { id: d.resolutionDisclosureId })} />
      )}
      {d.resultDisclosureId && (
        <Alert
          type="success"
          message={t('mm.disclosure', { id: d.resultDisclosureId })}
          data-testid="matter-result-published"
        />
      )}
      <Timeline
        items={d.steps.map((s) => ({
          content: `${new Date(s.at).toLocaleString()} ${label('mm.step', s.action)} · ${s.actorName}${s.note ? ` · ${s.note}` : ''}${s.meeting ? ` · ${t('mtg.takenAt')}：${s.meeting.title}（${s.meeting.heldOn}）` : ''}`,
        }))}
      />
      {next && can('meetings.decide') && (
        <StepForm
          id={id}
          village={d.villageCode}
          version={d.version}
          action={next}
          hint={
            next === 'review'
              ? d.branch
                ? t('mm.members', { n: d.branch.members, q: quorum })
                : t('mm.noBranch')
              : next === 'decide'
                ? t('mm.electorate', { a: d.electorate.adults, h: d.electorate.households })
                : null
          }
          onDone={() => (setTick((n) => n + 1), onChanged())}
        />
      )}
    </Space>
  );
}

/** The kind of meeting that takes a step (none for the publications). */
const MEETING_OF = (a: Action, assembly: 'villagers' | 'representatives') =>
  a === 'discuss' ? 'two_committees' : a === 'review' ? 'party_members' : a === 'decide' ? assembly : null;

/**
 * The form of a matter's next step. 商议, 审议 and 决议 are taken at a meeting of the village of the
 * step's kind, picked here: the server counts the quorum from its recorded attendance, so only the
 * votes in favour are typed.
 */
function StepForm(p: {
  id: number;
  village: string;
  version: number;
  action: Action;
  hint: string | null;
  onDone: () => void;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [inFavour, setInFavour] = useState<number | null>(null);
  const [assembly, setAssembly] = useState<'villagers' | 'representatives'>('representatives');
  const [meetingId, setMeetingId] = useState<number | null>(null);
  const kind = MEETING_OF(p.action, assembly);
  const meetings = useLoad(
    () =>
      kind
        ? ok(api.GET('/api/v1/meetings', { params: { query: { within: p.village, kind, limit: 100 } } }))
        : Promise.resolve({ items: [], total: 0 }),
    [p.village, kind, p.version],
  );
  const options = (meetings.data?.items ?? [])
    .filter((m) => m.regionCode === p.village)
    .map((m) => ({
      value: m.id,
      disabled: m.state !== 'held' || m.attended === 0,
      label: `${m.heldOn} ${m.title}（${
        m.state === 'held' ? t('mm.meetingAttended', { a: m.attended, i: m.invited }) : t('mm.meetingNotHeld')
      }）`,
    }));
  const body = (): Record<string, unknown> => {
    const v = { version: p.version, ...(kind && meetingId !== null ? { meetingId } : {}) };
    switch (p.action) {
      case 'discuss':
        return { ...v, note: text };
      case 'review':
        return { ...v, inFavour: inFavour ?? 0 };
      case 'decide':
        return { ...v, assembly, inFavour: inFavour ?? 0, resolution: text };
      case 'publish_result':
        return { ...v, result: text };
      default:
        return v;
    }
  };
  const submit = async () => {
    try {
      await ok(
        api.POST('/api/v1/major-matters/{id}/actions/{action}', {
          params: { path: { id: p.id, action: p.action } },
          body: body() as never,
        }),
      );
      setText('');
      setInFavour(null);
      setMeetingId(null);
      p.onDone();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const votes = p.action === 'review' || p.action === 'decide';
  const words = p.action === 'discuss' || p.action === 'decide' || p.action === 'publish_result';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="matter-step-form">
      <h4>{label('mm.step', p.action)}</h4>
      {p.hint && <Alert type="info" message={p.hint} />}
      {p.action === 'decide' && (
        <Select
          data-testid="mm-assembly"
          style={{ width: 160 }}
          value={assembly}
          onChange={(a) => (setAssembly(a), setMeetingId(null))}
          options={(['representatives', 'villagers'] as const).map((k) => ({
            value: k,
            label: label('mm.assembly', k),
          }))}
        />
      )}
      {kind && (
        <Select
          data-testid="mm-meeting"
          style={{ width: '100%' }}
          value={meetingId ?? undefined}
          onChange={setMeetingId}
          placeholder={t('mm.pickMeeting', { k: label('mtg.meetingKind', kind) })}
          notFoundContent={t('mm.noMeeting', { k: label('mtg.meetingKind', kind) })}
          options={options}
        />
      )}
      {votes && (
        <InputNumber
          min={0}
          value={inFavour}
          onChange={setInFavour}
          placeholder={t('mm.inFavour')}
          id="mm-infavour"
          style={{ width: 160 }}
        />
      )}
      {words && (
        <Input.TextArea
          id="mm-text"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={
            p.action === 'discuss'
              ? t('mm.note')
              : p.action === 'decide'
                ? t('mm.resolution')
                : t('mm.result')
          }
        />
      )}
      <Button type="primary" onClick={() => void submit()} data-testid="mm-submit">
        {label('mm.step', p.action)}
      </Button>
    </Space>
  );
}
