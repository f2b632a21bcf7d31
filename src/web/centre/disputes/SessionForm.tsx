import { Alert, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { PhotoUpload } from '../detail/PhotoUpload.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Dispute } from './types.js';

type Outcome = 'agreed' | 'failed' | 'adjourned';

/** 调解笔录: the record sheet of a session — place, mediators, facts, claims, outcome, the signed paper's photo. */
export function SessionForm({ d, onClose, onDone }: { d: Dispute; onClose: () => void; onDone: () => void }) {
  const { t, label, lang } = useLang();
  const places = useLoad(() => ok(api.GET('/api/v1/mediation/places', {})), []);
  const mediators = useLoad(() => ok(api.GET('/api/v1/mediation/mediators', {})), []);
  // the village's mediating 5+5+N team members; one not yet a mediator is registered on saving
  const members = useLoad(
    () => ok(api.GET('/api/v1/disputes/{id}/team-members', { params: { path: { id: d.id } } })),
    [d.id],
  );
  const [f, setF] = useState({
    heldOn: dayjs().format('YYYY-MM-DD'),
    placeId: undefined as number | undefined,
    remote: false,
    partiesPresent: d.parties.map((p) => p.name).join('、'),
    mediatorIds: [] as string[],
    facts: '',
    applicantClaim: '',
    respondentClaim: '',
    outcome: 'agreed' as Outcome,
    text: '',
    photoIds: [] as string[],
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  /** `m:<mediator id>` as is; `t:<team member id>` registered as a mediator first (once per member). */
  const mediatorIds = async () => {
    const ids: number[] = [];
    for (const v of f.mediatorIds) {
      const [kind, raw] = v.split(':');
      if (kind === 'm') ids.push(Number(raw));
      else {
        const made = await ok(
          api.POST('/api/v1/mediation/mediators', {
            body: { teamMemberId: Number(raw), regionCode: members.data?.villageCode },
          }),
        );
        ids.push(made.id);
      }
    }
    return [...new Set(ids)];
  };
  const submit = async () => {
    try {
      const chosen = await mediatorIds();
      await ok(
        api.POST('/api/v1/disputes/{id}/sessions', {
          params: { path: { id: d.id } },
          body: {
            heldOn: f.heldOn,
            placeId: f.placeId ?? 0,
            remote: f.remote,
            partiesPresent: f.partiesPresent,
            mediatorIds: chosen,
            facts: f.facts,
            applicantClaim: f.applicantClaim,
            respondentClaim: f.respondentClaim,
            outcome: f.outcome,
            ...(f.outcome === 'agreed'
              ? { agreement: f.text }
              : f.outcome === 'failed'
                ? { failReason: f.text }
                : {}),
            photoIds: f.photoIds,
          },
        }),
      );
      onClose();
      onDone();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const area = (k: 'facts' | 'applicantClaim' | 'respondentClaim' | 'text', title: string) => (
    <Form.Item label={title}>
      <Input.TextArea
        data-testid={`session-${k}`}
        rows={2}
        value={f[k]}
        onChange={(e) => set(k, e.target.value)}
      />
    </Form.Item>
  );
  return (
    <Modal
      open
      width={720}
      title={t('disputes.newSession')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ 'data-testid': 'session-ok' } as never}
    >
      <Form layout="vertical">
        <Form.Item label={t('disputes.heldOn')}>
          <DatePicker value={dayjs(f.heldOn)} onChange={(v) => v && set('heldOn', v.format('YYYY-MM-DD'))} />
        </Form.Item>
        <Form.Item label={t('disputes.place')}>
          <Select
            data-testid="session-place"
            value={f.placeId}
            onChange={(v) => set('placeId', v)}
            options={(places.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（${label('disputes.kind', p.kind)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('disputes.remote')}>
          <Switch checked={f.remote} onChange={(v) => set('remote', v)} />
        </Form.Item>
        <Form.Item label={t('disputes.mediators')}>
          <Select
            data-testid="session-mediators"
            mode="multiple"
            value={f.mediatorIds}
            onChange={(v) => set('mediatorIds', v)}
            options={[
              {
                label: t('disputes.mediators'),
                options: (mediators.data?.items ?? []).map((m) => ({
                  value: `m:${m.id}`,
                  label: `${m.name} · ${m.regionName}`,
                })),
              },
              {
                label: t('disputes.teamMembers'),
                options: (members.data?.items ?? [])
                  .filter((m) => m.mediatorId === null)
                  .map((m) => ({ value: `t:${m.id}`, label: `${m.name} · ${m.teamName}` })),
              },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('disputes.partiesPresent')}>
          <Input value={f.partiesPresent} onChange={(e) => set('partiesPresent', e.target.value)} />
        </Form.Item>
        {area('facts', t('disputes.facts'))}
        {area('applicantClaim', t('disputes.applicantClaim'))}
        {area('respondentClaim', t('disputes.respondentClaim'))}
        <Form.Item label={t('disputes.outcome')}>
          <Select
            value={f.outcome}
            onChange={(v) => set('outcome', v)}
            options={(['agreed', 'failed', 'adjourned'] as const).map((o) => ({
              value: o,
              label: label('disputes.outcome', o),
            }))}
          />
        </Form.Item>
        {f.outcome !== 'adjourned' &&
          area('text', f.outcome === 'agreed' ? t('disputes.agreement') : t('disputes.failReason'))}
        <Form.Item label={t('disputes.signed')}>
          <PhotoUpload value={f.photoIds} onChange={(ids) => set('photoIds', ids)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
