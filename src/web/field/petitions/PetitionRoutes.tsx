import { useState } from 'react';
import { Button, Checkbox, DotLoading, Toast } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { api } from '../../shared/api.js';
import { label, t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { back, go } from '../router.js';
import { useFetch } from '../useFetch.js';
import type { Me } from '../types.js';
import { PET_STATE_TEXT } from './messages.js';

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';

function Title({ text, to }: { text: string; to: string }) {
  return (
    <div className="page-title">
      <Button size="small" fill="none" onClick={() => back(to)} data-testid="back" style={{ minHeight: 48 }}>
        <LeftOutlined /> {t('back')}
      </Button>
      <span className="grow">{text}</span>
    </div>
  );
}

/** 信访代理: village staff register a villager's matter at the convenience window and follow it for them. */
export function PetitionRoutes({ parts, me }: { parts: string[]; me: Me }) {
  if (parts[1] === 'new') return <RegisterForVillager />;
  const id = Number(parts[1]);
  if (parts[1] && Number.isInteger(id) && id > 0) return <PetitionDetail key={id} id={id} />;
  return <PetitionList me={me} />;
}

function PetitionList({ me }: { me: Me }) {
  const list = useFetch(
    `${me.username}.petitions`,
    () =>
      ok(
        api.GET('/api/v1/petitions', {
          params: { query: { channel: 'agency', limit: 50 } },
          signal: timeout(20_000),
        }),
      ),
    [],
  );
  return (
    <div className="page" data-testid="pet-list">
      <Title text={t('petTitle')} to="/" />
      <Button
        block
        color="primary"
        onClick={() => go('/petitions/new')}
        data-testid="pet-new"
        style={{ marginBottom: 12 }}
      >
        {t('petNew')}
      </Button>
      {list.error && <div className="card error-text">{failText(list.error)}</div>}
      {list.loading && !list.data && <DotLoading />}
      {list.data?.items.length === 0 && <div className="card muted">{t('petNone')}</div>}
      {list.data?.items.map((p) => (
        <button
          type="button"
          key={p.id}
          className="card"
          style={{ width: '100%', textAlign: 'left' }}
          onClick={() => go(`/petitions/${p.id}`)}
          data-testid={`pet-${p.number}`}
        >
          <div>{p.matter}</div>
          <div className="muted">
            {p.visitorName} · {label(PET_STATE_TEXT, p.state)} · {day(p.receivedAt)}
          </div>
        </button>
      ))}
    </div>
  );
}

function RegisterForVillager() {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [group, setGroup] = useState(false);
  const [headcount, setHeadcount] = useState('2');
  const [matter, setMatter] = useState('');
  const [requestId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError(null);
    if (!name.trim() || matter.trim().length < 2) return setError(t('petRequired'));
    const n = Number(headcount);
    if (group && !(Number.isInteger(n) && n >= 2)) return setError(t('petHeadcountWrong'));
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
            headcount: group ? n : 1,
            matter: matter.trim(),
            clientRequestId: requestId,
          },
          signal: timeout(30_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('petSent') });
      go(`/petitions/${made.id}`);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }
  const input = (v: string, set: (s: string) => void, id: string, more: object = {}) => (
    <input className="input" value={v} onChange={(e) => set(e.target.value)} data-testid={id} {...more} />
  );
  return (
    <div className="page" data-testid="pet-register">
      <Title text={t('petNew')} to="/petitions" />
      <div className="card">
        <div className="field-label">{t('petName')}</div>
        {input(name, setName, 'pet-name', { maxLength: 40 })}
        <div className="field-label">{t('petIdNumber')}</div>
        {input(idNumber, setIdNumber, 'pet-id', { maxLength: 18 })}
        <div className="field-label">{t('petPhone')}</div>
        {input(phone, setPhone, 'pet-phone', { maxLength: 13, type: 'tel', inputMode: 'numeric' })}
        <Checkbox checked={group} onChange={setGroup} style={{ margin: '12px 0' }} data-testid="pet-group">
          {t('petGroup')}
        </Checkbox>
        {group && (
          <>
            <div className="field-label">{t('petHeadcount')}</div>
            {input(headcount, setHeadcount, 'pet-headcount', { inputMode: 'numeric', maxLength: 3 })}
          </>
        )}
        <div className="field-label">{t('petMatter')}</div>
        <textarea
          className="input"
          rows={4}
          maxLength={2000}
          value={matter}
          onChange={(e) => setMatter(e.target.value)}
          data-testid="pet-matter"
        />
        {error && (
          <div className="error-text" role="alert" data-testid="pet-error">
            {error}
          </div>
        )}
        <Button
          block
          color="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid="pet-send"
          style={{ marginTop: 12 }}
        >
          {t('petSend')}
        </Button>
      </div>
    </div>
  );
}

function PetitionDetail({ id }: { id: number }) {
  const [tick, setTick] = useState(0);
  const p = useFetch(
    null,
    () => ok(api.GET('/api/v1/petitions/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id, tick],
  );
  const d = p.data;
  async function request(action: 'request_review' | 'request_rereview') {
    try {
      await ok(
        api.POST('/api/v1/petitions/{id}/actions/{action}', {
          params: { path: { id, action } },
          body: { version: d?.version },
        }),
      );
      Toast.show({ icon: 'success', content: t('petRequested') });
      setTick((n) => n + 1);
    } catch (err) {
      Toast.show({ content: failText(err) });
    }
  }
  return (
    <div className="page" data-testid="pet-detail">
      <Title text={d?.number ?? t('petTitle')} to="/petitions" />
      {p.error && <div className="card error-text">{failText(p.error)}</div>}
      {!d && p.loading && <DotLoading />}
      {d && (
        <>
          <div className="card">
            <div data-testid="pet-state">{label(PET_STATE_TEXT, d.state)}</div>
            <div className="muted">
              {d.visitorName} · {d.headcount} · {day(d.receivedAt)}
            </div>
            <p>{d.matter}</p>
            {d.dueAt && (
              <div className="muted">
                {t('petDue')}：{day(d.dueAt)}
              </div>
            )}
            {d.answer && (
              <p>
                {t('petAnswer')}：{d.answer}
              </p>
            )}
          </div>
          {d.actions.includes('request_review') && (
            <Button block onClick={() => void request('request_review')} data-testid="pet-request-review">
              {t('petRequestReview')}
            </Button>
          )}
          {d.actions.includes('request_rereview') && (
            <Button block onClick={() => void request('request_rereview')} data-testid="pet-request-rereview">
              {t('petRequestRereview')}
            </Button>
          )}
          <h3 className="section-title">{t('petHistory')}</h3>
          <div className="card" data-testid="pet-history">
            {d.history.map((s, i) => (
              <div key={i} className="muted">
                {day(s.at)} · {s.actorName ?? ''} · {label(PET_STATE_TEXT, s.toState)}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
