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

function StepForm(p: {
  id: number;
  version: number;
  action: Action;
  hint: string | null;
  onDone: () => void;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [present, setPresent] = useState<number | null>(null);
  const [inFavour, setInFavour] = useState<number | null>(null);
  const [assembly, setAssembly] = useState<'villagers' | 'representatives'>('representatives');
  const [reps, setReps] = useState<number | null>(null);
  const [households, setHouseholds] = useState<number | null>(null);
  const body = (): Record<string, unknown> => {
    const v = { version: p.version };
    switch (p.action) {
      case 'discuss':
        return { ...v, note: text };
      case 'review':
        return { ...v, present: present ?? 0, inFavour: inFavour ?? 0 };
      case 'decide':
        return {
          ...v,
          assembly,
          present: present ?? 0,
          inFavour: inFavour ?? 0,
          resolution: text,
          ...(assembly === 'representatives' ? { representativesTotal: reps ?? 0 } : {}),
          ...(assembly === 'villagers' && households !== null ? { householdsPresent: households } : {}),
        };
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
      setPresent(null);
      setInFavour(null);
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
        <Space wrap>
          <Select
            data-testid="mm-assembly"
            style={{ width: 160 }}
            value={assembly}
            onChange={setAssembly}
            options={(['representatives', 'villagers'] as const).map((k) => ({
              value: k,
              label: label('mm.assembly', k),
            }))}
          />
          {assembly === 'representatives' ? (
            <InputNumber
              min={0}
              value={reps}
              onChange={setReps}
              placeholder={t('mm.repsTotal')}
              id="mm-reps"
              style={{ width: 140 }}
            />
          ) : (
            <InputNumber
              min={0}
              value={households}
              onChange={setHouseholds}
              placeholder={t('mm.households')}
              style={{ width: 160 }}
            />
          )}
        </Space>
      )}
      {votes && (
        <Space wrap>
          <InputNumber
            min={0}
            value={present}
            onChange={setPresent}
            placeholder={t('mm.present')}
            id="mm-present"
            style={{ width: 120 }}
          />
          <InputNumber
            min={0}
            value={inFavour}
            onChange={setInFavour}
            placeholder={t('mm.inFavour')}
            id="mm-infavour"
            style={{ width: 120 }}
          />
        </Space>
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
