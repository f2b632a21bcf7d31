import { useRef, useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { touch, useLive } from '../messages/live.js';
import { failText, ok, timeout } from '../net.js';
import { uuid } from '../report/submit.js';
import { useFetch } from '../useFetch.js';
import type { Me } from '../types.js';
import { FinanceTable } from './FinanceTable.js';
import { DetailHead } from '../ListBits.js';
import { kindText, periodText, type DisclosureDetail } from './bits.js';

/** One disclosure: what was posted, the money table, the questions with answers, and "ask a question". */
export function DisclosureDetailScreen({ id, me }: { id: number; me: Me }) {
  const { tick } = useLive();
  const res = useFetch(
    `${me.username}.disclosure.${id}`,
    () => ok(api.GET('/api/v1/disclosures/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id, tick],
  );
  const d = res.data;
  return (
    <div className="page" data-testid="disclosure-detail-screen">
      <DetailHead fallback="/disclosures" loading={res.loading} error={res.error} />
      {d && (
        <>
          <div className="card">
            <div style={{ fontSize: 21, fontWeight: 700, lineHeight: 1.4 }} data-testid="disclosure-title">
              {d.title}
            </div>
            <div className="row" style={{ margin: '8px 0' }}>
              <span className="state">{kindText(d.kind)}</span>
              <span className="state closed">{periodText(d.period)}</span>
            </div>
            <div className="muted">
              {d.villageName} · {t('disclosuresPublishedAt')} {when(d.publishedAt)}
            </div>
            <div className="muted" data-testid="disclosure-read-count">
              {t('disclosuresReadCount', { n: d.readCount })}
            </div>
            {d.body && (
              <p style={{ fontSize: 18, lineHeight: 1.7, whiteSpace: 'pre-wrap', margin: '12px 0 0' }}>
                {d.body}
              </p>
            )}
          </div>
          {d.totals && <FinanceTable lines={d.financeLines} totals={d.totals} />}
          <Questions d={d} />
          {d.actions.includes('ask') && <Ask id={id} onAsked={() => void res.reload()} />}
        </>
      )}
    </div>
  );
}

function Questions({ d }: { d: DisclosureDetail }) {
  return (
    <div className="card" data-testid="disclosure-questions">
      <h3 style={{ margin: '0 0 6px', fontSize: 19 }}>{t('disclosuresQuestions')}</h3>
      {d.questions.length === 0 && <div className="muted">{t('disclosuresNoQuestions')}</div>}
      {d.questions.map((q) => (
        <div key={q.id} className="msg" data-testid={`question-${q.id}`}>
          <div style={{ fontSize: 17 }}>
            <b>{q.mine ? t('disclosuresMine') : q.askerName}：</b>
            {q.question}
          </div>
          <div className="muted">{when(q.askedAt)}</div>
          {q.answer ? (
            <div
              style={{ marginTop: 8, padding: 10, background: '#f6ffed', borderRadius: 8, fontSize: 17 }}
              data-testid="question-answer"
            >
              <b>{t('disclosuresAnswer')}：</b>
              {q.answer}
              <div className="muted">
                {q.answeredBy} · {when(q.answeredAt)}
              </div>
            </div>
          ) : (
            <div className="muted" style={{ marginTop: 6 }}>
              {t('disclosuresWaiting')}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** The question keeps one request id until it is sent, so a retry on a bad line is not asked twice. */
function Ask({ id, onAsked }: { id: number; onAsked: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const requestId = useRef(uuid());
  async function send() {
    if (text.trim().length < 2) return Toast.show({ content: t('disclosuresAskShort') });
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/disclosures/{id}/questions', {
          params: { path: { id } },
          body: { question: text.trim(), clientRequestId: requestId.current },
          signal: timeout(30_000),
        }),
      );
      requestId.current = uuid();
      setText('');
      Toast.show({ icon: 'success', content: t('disclosuresAsked') });
      touch();
      onAsked();
    } catch (err) {
      Toast.show({ content: failText(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card">
      <div className="field-label">{t('disclosuresAsk')}</div>
      <textarea
        className="input"
        rows={3}
        maxLength={500}
        placeholder={t('disclosuresAskHint')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="ask-text"
      />
      <Button
        block
        color="primary"
        size="large"
        style={{ marginTop: 12 }}
        loading={busy}
        onClick={() => void send()}
        data-testid="ask-send"
      >
        {t('disclosuresAskSend')}
      </Button>
    </div>
  );
}
