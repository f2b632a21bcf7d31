import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';

/** '#/feedback': a complaint or suggestion about the platform itself; the county's answers. */
export function Feedback() {
  const [kind, setKind] = useState<'suggestion' | 'complaint'>('suggestion');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useFetch(null, () => ok(api.GET('/api/v1/feedback', { signal: timeout(20_000) })), []);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (body.trim().length < 4) return Toast.show({ content: t('regMissing') });
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/feedback', { body: { kind, body: body.trim() } }));
      Toast.show({ icon: 'success', content: t('fbSent') });
      setBody('');
      void list.reload();
    } catch (err) {
      Toast.show({ content: failText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="feedback">
      <div className="page-title">
        <BackButton to="/" />
        <h1 className="grow">{t('svcFeedback')}</h1>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('fbHint')}
      </p>
      <form className="card" onSubmit={(e) => void send(e)}>
        <div className="row" style={{ gap: 8 }}>
          {(['suggestion', 'complaint'] as const).map((k) => (
            <Button
              key={k}
              color={kind === k ? 'primary' : 'default'}
              onClick={() => setKind(k)}
              data-testid={`fb-kind-${k}`}
            >
              {t(k === 'complaint' ? 'fbComplaint' : 'fbSuggestion')}
            </Button>
          ))}
        </div>
        <textarea
          className="input"
          rows={4}
          maxLength={2000}
          aria-label={t('svcFeedback')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          data-testid="fb-body"
          style={{ marginTop: 12 }}
        />
        <Button type="submit" block color="primary" size="large" loading={busy} data-testid="fb-send">
          {t('fbSend')}
        </Button>
      </form>
      {list.data?.items.map((f) => (
        <div key={f.id} className="card" data-testid={`fb-${f.id}`}>
          <div className="muted">
            {t(f.kind === 'complaint' ? 'fbComplaint' : 'fbSuggestion')} · {f.createdAt.slice(0, 10)}
          </div>
          <p>{f.body}</p>
          <p className={f.answer ? '' : 'muted'}>
            {f.answer ? t('fbAnswer', { answer: f.answer }) : t('fbWaiting')}
          </p>
        </div>
      ))}
    </div>
  );
}
