import { Button, Selector, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import { enqueueDisputeWork } from '../offline/queue.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import { back } from '../router.js';
import { useFetch } from '../useFetch.js';

type Outcome = 'agreed' | 'failed';

/**
 * 评理记录表 / 调解笔录 on the phone: the village's open disputes; for one, where and by whom it was
 * mediated — registered mediators and the 5+5+N team members of the dispute's village (a member
 * becomes a mediator with the sheet, on the server) — who came, the facts, each side's claims, the
 * agreement or why it failed, and photos of the signed paper. Kept on the phone like the screening
 * and sent when there is network: one clientRequestId, so a resend never records it twice. The
 * lists are the phone's last copies when offline.
 */
export function MediationRecord() {
  const list = useFetch(
    'mediation.disputes',
    () => ok(api.GET('/api/v1/disputes', { params: { query: { open: 'true', limit: 50 } } })),
    [],
  );
  const places = useFetch('mediation.places', () => ok(api.GET('/api/v1/mediation/places', {})), []);
  const mediators = useFetch('mediation.mediators', () => ok(api.GET('/api/v1/mediation/mediators', {})), []);
  const [disputeId, setDisputeId] = useState<number | undefined>();
  const team = useFetch(
    disputeId ? `mediation.team.${disputeId}` : null,
    () =>
      disputeId
        ? ok(api.GET('/api/v1/disputes/{id}/team-members', { params: { path: { id: disputeId } } }))
        : Promise.resolve(null),
    [disputeId],
  );
  const [placeId, setPlaceId] = useState<number | undefined>();
  const [mediatorIds, setMediatorIds] = useState<number[]>([]);
  const [memberIds, setMemberIds] = useState<number[]>([]);
  const [remote, setRemote] = useState(false);
  const [partiesPresent, setParties] = useState('');
  const [facts, setFacts] = useState('');
  const [applicantClaim, setApplicant] = useState('');
  const [respondentClaim, setRespondent] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('agreed');
  const [agreement, setAgreement] = useState('');
  const [failReason, setFailReason] = useState('');
  const [photos, setPhotos] = useState<PhotoEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const village = (list.data?.items ?? []).filter((d) => d.tier === 'village');
  const members = team.data?.items ?? [];

  async function send() {
    const dispute = village.find((d) => d.id === disputeId);
    if (!dispute || !placeId) return;
    // a member already registered goes as that mediator; the others are registered with the sheet
    const chosen = members.filter((m) => memberIds.includes(m.id));
    const ids = [
      ...new Set([...mediatorIds, ...chosen.flatMap((m) => (m.mediatorId ? [m.mediatorId] : []))]),
    ];
    const teamMemberIds = chosen.filter((m) => !m.mediatorId).map((m) => m.id);
    if (ids.length + teamMemberIds.length === 0) return setError(t('mediationNeedOne'));
    setError(null);
    await enqueueDisputeWork(
      {
        url: '/api/v1/disputes/{id}/sessions',
        disputeId: dispute.id,
        label: `${dispute.number} ${dispute.summary}`,
        body: {
          heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
          placeId,
          remote,
          mediatorIds: ids,
          teamMemberIds,
          partiesPresent: partiesPresent.trim() || '双方当事人',
          facts,
          applicantClaim,
          respondentClaim,
          outcome,
          ...(outcome === 'agreed' ? { agreement } : { failReason }),
          clientRequestId: crypto.randomUUID(),
        },
      },
      photos,
    );
    Toast.show({ icon: 'success', content: t('mediationQueued') });
    back('/');
  }
  const field = (label: string, value: string, set: (v: string) => void, testid: string) => (
    <>
      <div className="field-label">{label}</div>
      <textarea
        className="input"
        rows={2}
        value={value}
        onChange={(e) => set(e.target.value)}
        data-testid={testid}
      />
    </>
  );
  return (
    <div className="page" data-testid="mediation-record">
      <div className="page-title">{t('mediationTitle')}</div>
      <div className="field-label">{t('mediationDispute')}</div>
      <div data-testid="mediation-dispute">
        <Selector
          columns={1}
          options={village.map((d) => ({ value: d.id, label: `${d.number} ${d.summary}` }))}
          value={disputeId ? [disputeId] : []}
          onChange={(v) => {
            setDisputeId(v[0]);
            setMemberIds([]);
          }}
        />
      </div>
      <div className="field-label">{t('mediationPlace')}</div>
      <div data-testid="mediation-place">
        <Selector
          columns={1}
          options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={placeId ? [placeId] : []}
          onChange={(v) => setPlaceId(v[0])}
        />
      </div>
      <div className="row" style={{ margin: '8px 0' }}>
        <span className="grow">{t('mediationRemote')}</span>
        <Switch checked={remote} onChange={setRemote} />
      </div>
      <div className="field-label">{t('mediationMediator')}</div>
      <Selector
        columns={2}
        multiple
        options={(mediators.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={mediatorIds}
        onChange={setMediatorIds}
      />
      {members.length > 0 && (
        <>
          <div className="field-label">{t('mediationTeam')}</div>
          <div data-testid="mediation-team">
            <Selector
              columns={1}
              multiple
              options={members.map((m) => ({
                value: m.id,
                label: `${m.name}（${m.teamName}${m.title ? ` ${m.title}` : ''}）`,
              }))}
              value={memberIds}
              onChange={setMemberIds}
            />
          </div>
        </>
      )}
      {field(t('mediationParties'), partiesPresent, setParties, 'mediation-parties')}
      {field(t('mediationFacts'), facts, setFacts, 'mediation-facts')}
      {field(t('mediationApplicant'), applicantClaim, setApplicant, 'mediation-applicant')}
      {field(t('mediationRespondent'), respondentClaim, setRespondent, 'mediation-respondent')}
      <div className="field-label">{t('mediationOutcome')}</div>
      <Selector
        columns={2}
        options={[
          { value: 'agreed' as const, label: t('mediationAgreed') },
          { value: 'failed' as const, label: t('mediationFailed') },
        ]}
        value={[outcome]}
        onChange={(v) => v[0] && setOutcome(v[0])}
      />
      {outcome === 'agreed'
        ? field(t('mediationAgreement'), agreement, setAgreement, 'mediation-agreement')
        : field(t('mediationFailReason'), failReason, setFailReason, 'mediation-fail-reason')}
      <div className="field-label">{t('mediationSigned')}</div>
      <PhotoPicker
        photos={photos}
        uploading={new Set()}
        onAdd={(p) => setPhotos((s) => [...s, ...p])}
        onRemove={(k) => setPhotos((s) => s.filter((p) => p.key !== k))}
        testid="mediation-photo-input"
      />
      {error && <div className="error">{error}</div>}
      <Button block color="primary" size="large" onClick={() => void send()} data-testid="mediation-send">
        {t('disputeSend')}
      </Button>
    </div>
  );
}
