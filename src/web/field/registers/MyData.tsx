import { Button, Dialog, DotLoading, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';
import { AskCorrection, fieldName } from './AskCorrection.js';

const rel = (r: string) => t(`regRel_${r}` as StringKey);

/** '#/my-data': what the system holds about me (PIPL 查阅、复制), my corrections, closing my account. */
export function MyData({ onClosed }: { onClosed: () => void }) {
  // never kept on the phone: a shared phone must not show it to the next person
  const rec = useFetch(null, () => ok(api.GET('/api/v1/me/record', { signal: timeout(20_000) })), []);
  const corr = useFetch(null, () => ok(api.GET('/api/v1/corrections', { signal: timeout(20_000) })), []);
  const d = rec.data;

  async function close() {
    const yes = await Dialog.confirm({
      title: t('closeTitle'),
      content: t('closeConfirm'),
      confirmText: t('closeDo'),
      cancelText: t('cancel'),
    });
    if (!yes) return;
    try {
      await ok(api.POST('/api/v1/me/close'));
      Toast.show({ content: t('closeDone') });
      onClosed();
    } catch (err) {
      Toast.show({ content: failText(err) });
    }
  }

  return (
    <div className="page" data-testid="my-data">
      <div className="page-title">
        <BackButton to="/" />
        <h1 className="grow">{t('myDataTitle')}</h1>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('myDataHint')}
      </p>
      {rec.error && !d && <div className="card error-text">{failText(rec.error)}</div>}
      {rec.loading && !d && <DotLoading />}
      {d && (
        <>
          <div className="card" data-testid="my-data-me">
            <h3>{t('myDataMe')}</h3>
            <Kv k="fld_name" v={d.me.name} />
            <Kv k="fld_gender" v={d.me.gender === 'male' ? t('regMale') : t('regFemale')} />
            <Kv k="fld_birthDate" v={d.me.birthDate} />
            <Kv k="fld_idNumber" v={d.me.idNumber} />
            <Kv k="fld_phone" v={d.me.phone ?? '—'} />
            <Kv k="fld_relation" v={rel(d.me.relation)} />
          </div>
          <div className="card" data-testid="my-data-household">
            <h3>{t('myDataHousehold')}</h3>
            <Kv k="fld_address" v={`${d.household.address} · ${d.household.gridName}`} />
            {d.household.members.map((m) => (
              <div key={m.id} className="kv">
                <span className="k">{m.name}</span>
                <span className="grow">{rel(m.relation)}</span>
                <span className="muted">{m.birthYear}</span>
              </div>
            ))}
          </div>
          {d.history.length > 0 && (
            <div className="card">
              <h3>{t('myDataHistory')}</h3>
              {d.history.map((h, i) => (
                <div key={i} className="kv">
                  <span className="k">{(h.effectiveOn ?? h.at).slice(0, 10)}</span>
                  <span className="grow">{h.changed.map((f) => fieldName(f)).join('、') || h.event}</span>
                </div>
              ))}
            </div>
          )}
          <a
            className="adm-button adm-button-block adm-button-large"
            href="/api/v1/me/record/download"
            download
            data-testid="my-data-download"
            style={{ marginBottom: 12 }}
          >
            {t('myDataDownload')}
          </a>
        </>
      )}
      <div className="card" data-testid="my-corrections">
        <h3>{t('myDataCorrections')}</h3>
        {corr.data?.items.length === 0 && <p className="muted">{t('myDataNoCorrections')}</p>}
        {corr.data?.items.map((c) => (
          <div key={c.id} className="kv" data-testid={`correction-${c.id}`} data-status={c.status}>
            <span className="k">{t(`corr_${c.status}` as StringKey)}</span>
            <span className="grow">
              {c.fields.map(fieldName).join('、')}：{c.detail}
              {c.answer && <div className="muted">{t('myDataAnswer', { answer: c.answer })}</div>}
              {c.status === 'submitted' && (
                <div className="muted">{t('myDataDue', { due: c.dueAt.slice(0, 10) })}</div>
              )}
            </span>
          </div>
        ))}
      </div>
      <AskCorrection onSent={() => void corr.reload()} />
      <div className="card">
        <h3>{t('closeTitle')}</h3>
        <p className="muted">{t('closeHint')}</p>
        <Button block color="danger" fill="outline" onClick={() => void close()} data-testid="close-account">
          {t('closeTitle')}
        </Button>
      </div>
    </div>
  );
}

function Kv({ k, v }: { k: StringKey; v: string }) {
  return (
    <div className="kv">
      <span className="k">{t(k)}</span>
      <span className="grow">{v}</span>
    </div>
  );
}
