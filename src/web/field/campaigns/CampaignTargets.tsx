import { Button, Input, Selector, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import { enqueueCampaignWork, useQueue } from '../offline/queue.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';

type Mine = paths['/api/v1/campaign-targets/mine']['get']['responses'][200]['content']['application/json'];
type Target = Mine['items'][number];
type Field = Mine['campaigns'][number]['checklist']['fields'][number];
type Answer = boolean | number | string;
const REASONS = ['deceased', 'moved_away', 'in_hospital', 'other'] as const;

/**
 * '#/campaigns': the targets of running campaigns in my grid (the last list stays on the phone for
 * offline use); each is worked through its campaign's checklist, or marked not applicable. The
 * result goes through the phone's queue with a clientRequestId: sent at once when online, later
 * when not, and never counted twice.
 */
export function CampaignTargets({ me }: { me: Me }) {
  const list = useFetch(
    `campaigns.mine.${me.username}`,
    () => ok(api.GET('/api/v1/campaign-targets/mine', { params: { query: { state: 'open', limit: 500 } } })),
    [],
  );
  const queue = useQueue();
  const queued = useMemo(
    () => new Set(queue.items.flatMap((i) => (i.kind === 'campaign' ? [i.work.targetId] : []))),
    [queue.items],
  );
  const [openId, setOpenId] = useState<number | null>(null);
  const [done, setDone] = useState<Set<number>>(new Set());
  const data = list.data;
  const left = (data?.items ?? []).filter((x) => !done.has(x.id));
  return (
    <div className="page" data-testid="campaign-targets">
      <div className="page-title">{t('campTitle')}</div>
      {list.stale && list.error && <div className="muted">{t('campStale')}</div>}
      {data && left.length === 0 && <div className="muted">{t('campNone')}</div>}
      {(data?.campaigns ?? []).map((c) => {
        const mine = left.filter((x) => x.campaignId === c.id);
        if (mine.length === 0) return null;
        return (
          <section key={c.id} data-testid={`camp-${c.id}`}>
            <h3 style={{ margin: '12px 0 4px' }}>{c.title}</h3>
            <div className="muted">
              {t('campDue', { date: c.endsOn })} · {t('campLeft', { n: mine.length })}
            </div>
            {mine.map((x) => (
              <div key={x.id} className="card" data-testid={`target-${x.id}`} style={{ margin: '8px 0' }}>
                <button
                  type="button"
                  className="linklike"
                  style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
                  onClick={() => setOpenId(openId === x.id ? null : x.id)}
                >
                  <strong>{x.name}</strong> <span className="muted">{x.address}</span>
                  {queued.has(x.id) && <span className="muted"> · {t('campSent')}</span>}
                </button>
                {openId === x.id && (
                  <TargetForm
                    target={x}
                    fields={c.checklist.fields}
                    title={`${c.title} · ${x.name}`}
                    onSaved={() => {
                      setDone((s) => new Set(s).add(x.id));
                      setOpenId(null);
                    }}
                  />
                )}
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}

function TargetForm({
  target,
  fields,
  title,
  onSaved,
}: {
  target: Target;
  fields: Field[];
  title: string;
  onSaved: () => void;
}) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [na, setNa] = useState<(typeof REASONS)[number] | null>(null);
  const [note, setNote] = useState('');
  const set = (k: string, v: Answer | undefined) =>
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
      return next;
    });
  const save = async () => {
    const clientRequestId = crypto.randomUUID();
    const doneAt = new Date().toISOString();
    if (na) {
      await enqueueCampaignWork({
        targetId: target.id,
        title,
        action: 'not_applicable',
        body: {
          reason: na,
          doneAt,
          clientRequestId,
          ...(note.trim().length >= 2 ? { note: note.trim() } : {}),
        },
      });
    } else {
      const missing = fields.filter((f) => f.required && answers[f.key] === undefined).map((f) => f.label);
      if (missing.length) {
        Toast.show(t('campRequired', { fields: missing.join('、') }));
        return;
      }
      await enqueueCampaignWork({
        targetId: target.id,
        title,
        action: 'complete',
        body: { answers, doneAt, clientRequestId, ...(note.trim() ? { note: note.trim() } : {}) },
      });
    }
    Toast.show(t('campQueued'));
    onSaved();
  };
  return (
    <div data-testid={`target-form-${target.id}`} style={{ marginTop: 8 }}>
      {!na &&
        fields.map((f) => (
          <div key={f.key} style={{ margin: '6px 0' }}>
            <div>
              {f.label}
              {f.required ? ' *' : ''}
            </div>
            {f.type === 'boolean' || f.type === 'choice' ? (
              <Selector
                data-testid={`field-${f.key}`}
                value={answers[f.key] === undefined ? [] : [String(answers[f.key])]}
                onChange={(v) =>
                  set(f.key, f.type === 'boolean' ? (v[0] === undefined ? undefined : v[0] === 'true') : v[0])
                }
                options={
                  f.type === 'boolean'
                    ? [
                        { label: t('campYes'), value: 'true' },
                        { label: t('campNo'), value: 'false' },
                      ]
                    : (f.options ?? []).map((o) => ({ label: o, value: o }))
                }
              />
            ) : (
              <Input
                data-testid={`field-${f.key}`}
                type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                value={answers[f.key] === undefined ? '' : String(answers[f.key])}
                onChange={(v) => set(f.key, f.type === 'number' ? (v === '' ? undefined : Number(v)) : v)}
              />
            )}
          </div>
        ))}
      <div style={{ margin: '6px 0' }}>
        <div>{t('campNotApplicable')}</div>
        <Selector
          data-testid="target-na"
          value={na ? [na] : []}
          onChange={(v) => setNa((v[0] as (typeof REASONS)[number] | undefined) ?? null)}
          options={REASONS.map((r) => ({ label: t(`campNa_${r}`), value: r }))}
        />
      </div>
      <Input placeholder={t('campNote')} value={note} onChange={setNote} />
      <Button block color="primary" data-testid="target-save" onClick={save} style={{ marginTop: 8 }}>
        {na ? t('campNotApplicable') : t('campDone')}
      </Button>
    </div>
  );
}
