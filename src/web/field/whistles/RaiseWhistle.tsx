import { useState } from 'react';
import { Button, Checkbox, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';

/** '#/whistle': village staff raise a request (吹哨) to a county department; their recent ones below. */
export function RaiseWhistle() {
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [busy, setBusy] = useState(false);
  const depts = useFetch(
    null,
    () => ok(api.GET('/api/v1/whistles/departments', { signal: timeout(20_000) })),
    [],
  );
  const mine = useFetch(
    null,
    () => ok(api.GET('/api/v1/whistles', { params: { query: { limit: 20 } }, signal: timeout(20_000) })),
    [],
  );

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (subject.trim().length < 2 || description.trim().length < 2 || !departmentId)
      return Toast.show({ content: t('whMissing') });
    setBusy(true);
    try {
      const made = await ok(
        api.POST('/api/v1/whistles', {
          body: {
            subject: subject.trim(),
            description: description.trim(),
            departmentId: Number(departmentId),
            urgent,
            clientRequestId: crypto.randomUUID(),
          },
        }),
      );
      Toast.show({ icon: 'success', content: t('whSent', { number: made.number }) });
      setSubject('');
      setDescription('');
      void mine.reload();
    } catch (err) {
      Toast.show({ content: failText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="whistle">
      <div className="page-title">
        <BackButton to="/" />
        <h1 className="grow">{t('svcWhistle')}</h1>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('whHint')}
      </p>
      <form className="card" onSubmit={(e) => void send(e)}>
        <input
          className="input"
          placeholder={t('whSubject')}
          aria-label={t('whSubject')}
          maxLength={80}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          data-testid="wh-subject"
        />
        <textarea
          className="input"
          rows={4}
          maxLength={2000}
          placeholder={t('whDescription')}
          aria-label={t('whDescription')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="wh-description"
          style={{ marginTop: 12 }}
        />
        <select
          className="input"
          aria-label={t('whDepartment')}
          value={departmentId}
          onChange={(e) => setDepartmentId(e.target.value)}
          data-testid="wh-department"
          style={{ marginTop: 12 }}
        >
          <option value="">{t('whDepartment')}</option>
          {depts.data?.items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <div style={{ margin: '12px 0' }}>
          <Checkbox checked={urgent} onChange={setUrgent}>
            {t('whUrgent')}
          </Checkbox>
        </div>
        <Button type="submit" block color="primary" size="large" loading={busy} data-testid="wh-send">
          {t('whSend')}
        </Button>
      </form>
      {mine.data?.items.map((w) => (
        <div key={w.id} className="card" data-testid={`wh-${w.number}`}>
          <div className="muted">
            {w.number} · {w.departmentName} · {t(`whState_${w.state}`)}
          </div>
          <p>{w.subject}</p>
          {w.answer ? <p>{w.answer}</p> : null}
        </div>
      ))}
    </div>
  );
}
