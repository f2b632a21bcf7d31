import { Button, Input, Stepper, Switch, TextArea, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { t, type StringKey } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';

/**
 * 信访代理 at the village convenience window: village staff register a villager's matter on their
 * behalf (name, ID number and phone go to the server encrypted and come back masked) and follow
 * the matters they registered: the state, the statutory limit, the answer, and — within the 30
 * days — the villager's request for a review or re-review, passed on by the agent. Everything is
 * decided on the server (petitions.agency, the runner's state and time checks).
 */
export function AgencyScreen() {
  const [tick, setTick] = useState(0);
  const mine = useFetch(
    null,
    () => ok(api.GET('/api/v1/petitions', { params: { query: { channel: 'agency', limit: 30 } } })),
    [tick],
  );
  return (
    <div className="page" data-testid="agency-screen">
      <div className="page-title">{t('agencyTitle')}</div>
      <AgencyForm onDone={() => setTick((n) => n + 1)} />
      <h2 className="section-title">{t('agencyMine')}</h2>
      {(mine.data?.items ?? []).map((p) => (
        <AgencyItem key={p.id} p={p} onChanged={() => setTick((n) => n + 1)} />
      ))}
      {mine.error && <div className="error">{failText(mine.error)}</div>}
    </div>
  );
}

type Item =
  paths['/api/v1/petitions']['get']['responses'][200]['content']['application/json']['items'][number];

function AgencyItem({ p, onChanged }: { p: Item; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ask = p.state === 'answered' ? 'request_review' : p.state === 'reviewed' ? 'request_rereview' : null;
  async function pass() {
    if (!ask) return;
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/petitions/{id}/actions/{action}', {
          params: { path: { id: p.id, action: ask } },
          body: { version: p.version, ...(note.trim() ? { note: note.trim() } : {}) } as never,
          signal: timeout(30_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('agencyAsked') });
      onChanged();
    } catch (err) {
      setError(failText(err));
    }
  }
  return (
    <div className="card" data-testid="agency-item">
      <div className="row">
        <b className="grow">{p.number}</b>
        <span className={p.overdue ? 'error' : 'muted'} data-testid="agency-state">
          {p.overdue ? t('agencyOverdue') : t(`agencyState.${p.state}` as StringKey)}
        </span>
      </div>
      <div>
        {p.visitorName} · {p.matter}
      </div>
      {p.dueAt && <div className="muted">{t('agencyDue', { date: p.dueAt.slice(0, 10) })}</div>}
      {p.answer && (
        <div>
          {t('agencyAnswer')}：{p.answer}
        </div>
      )}
      {ask && (
        <>
          <TextArea placeholder={t('agencyNote')} value={note} onChange={setNote} maxLength={1000} rows={2} />
          <Button size="small" color="primary" onClick={() => void pass()} data-testid="agency-ask">
            {ask === 'request_review' ? t('agencyReview') : t('agencyRereview')}
          </Button>
        </>
      )}
      {error && <div className="error">{error}</div>}
    </div>
  );
}

function AgencyForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [group, setGroup] = useState(false);
  const [headcount, setHeadcount] = useState(2);
  const [matter, setMatter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // one id per registration: a retry after a lost answer gets the same petition back
  const requestId = useRef(crypto.randomUUID());
  async function send() {
    setError(null);
    setBusy(true);
    try {
      const made = await ok(
        api.POST('/api/v1/petitions', {
          body: {
            visitor: {
              name: name.trim(),
              ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
            },
            groupVisit: group,
            headcount: group ? headcount : 1,
            matter: matter.trim(),
            clientRequestId: requestId.current,
          },
          signal: timeout(30_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('agencySaved', { number: made.number }) });
      requestId.current = crypto.randomUUID();
      setName('');
      setIdNumber('');
      setPhone('');
      setMatter('');
      setGroup(false);
      onDone();
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card" data-testid="agency-form">
      <b>{t('agencyNew')}</b>
      <div className="field-label">{t('agencyName')}</div>
      <Input value={name} onChange={setName} maxLength={40} data-testid="agency-name" />
      <div className="field-label">{t('agencyIdNumber')}</div>
      <Input value={idNumber} onChange={setIdNumber} maxLength={18} autoComplete="off" />
      <div className="field-label">{t('agencyPhone')}</div>
      <Input value={phone} onChange={setPhone} maxLength={13} type="tel" autoComplete="off" />
      <div className="row" style={{ margin: '8px 0' }}>
        <span className="grow">{t('agencyGroup')}</span>
        <Switch checked={group} onChange={setGroup} />
        {group && <Stepper min={2} max={500} value={headcount} onChange={(v) => setHeadcount(v ?? 2)} />}
      </div>
      <div className="field-label">{t('agencyMatter')}</div>
      <TextArea value={matter} onChange={setMatter} maxLength={2000} rows={3} data-testid="agency-matter" />
      {error && <div className="error">{error}</div>}
      <Button
        block
        color="primary"
        loading={busy}
        disabled={!name.trim() || matter.trim().length < 2}
        onClick={() => void send()}
        data-testid="agency-send"
      >
        {t('agencySend')}
      </Button>
    </div>
  );
}
