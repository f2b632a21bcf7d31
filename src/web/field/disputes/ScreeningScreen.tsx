import { Button, Form, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import type { paths } from '../../shared/api-schema.js';
import { getLang, t } from '../i18n.js';
import { enqueueDisputeWork } from '../offline/queue.js';
import { back } from '../router.js';
import { api } from '../../shared/api.js';
import { ok } from '../net.js';
import { useFetch } from '../useFetch.js';
import { DISPUTE_TYPE_TEXT, RISK_TEXT } from './messages.js';

type ScreeningBody =
  paths['/api/v1/disputes/screenings']['post']['requestBody']['content']['application/json'];
type DisputeInput = NonNullable<ScreeningBody['disputes']>[number];
const pick = (x: readonly [string, string] | undefined, v: string) => (x ? x[getLang() === 'zh' ? 0 : 1] : v);

/**
 * 日排查、日报告 in a few taps: "nothing found today", or the disputes found (type, a line, risk,
 * the two sides) sent as one report. Kept on the phone and sent when there is network (the
 * clientRequestId makes a resend harmless). From a household: one dispute of that household.
 */
export function ScreeningScreen({ householdId }: { householdId?: number }) {
  const board = useFetch(null, () => ok(api.GET('/api/v1/disputes/rhythm', {})), []);
  const reported = householdId === undefined && board.data?.villages.some((v) => v.reported);
  const [found, setFound] = useState<DisputeInput[]>([]);
  const [type, setType] = useState<DisputeInput['type']>('neighbour');
  const [risk, setRisk] = useState<DisputeInput['riskLevel']>('low');
  const [summary, setSummary] = useState('');
  const [applicant, setApplicant] = useState('');
  const [respondent, setRespondent] = useState('');

  const current = (): DisputeInput | null =>
    summary.trim().length < 2 || !applicant.trim()
      ? null
      : {
          type,
          summary: summary.trim(),
          riskLevel: risk,
          riskSigns: [],
          ...(householdId ? { householdId } : {}),
          parties: [
            { side: 'applicant', name: applicant.trim() },
            ...(respondent.trim() ? [{ side: 'respondent' as const, name: respondent.trim() }] : []),
          ],
        };
  const add = () => {
    const d = current();
    if (!d) return;
    setFound((f) => [...f, d]);
    setSummary('');
    setApplicant('');
    setRespondent('');
  };
  const send = async (nothingFound: boolean) => {
    const last = current();
    const disputes = nothingFound ? [] : [...found, ...(last ? [last] : [])];
    if (!nothingFound && disputes.length === 0) return;
    const clientRequestId = crypto.randomUUID();
    if (householdId !== undefined)
      await enqueueDisputeWork({ url: '/api/v1/disputes', body: { ...disputes[0]!, clientRequestId } });
    else
      await enqueueDisputeWork({
        url: '/api/v1/disputes/screenings',
        body: { nothingFound, disputes, clientRequestId },
      });
    Toast.show(t('screeningQueued'));
    back('/');
  };
  const options = (m: Record<string, readonly [string, string]>) =>
    Object.entries(m).map(([value, label]) => ({ value, label: pick(label, value) }));
  return (
    <div className="page" data-testid="screening-screen">
      <div className="page-title">{householdId ? t('screeningFromHousehold') : t('screeningTitle')}</div>
      {reported && (
        <div className="muted" data-testid="screening-done">
          {t('screeningDone')}
        </div>
      )}
      {householdId === undefined && !reported && (
        <Button
          block
          color="success"
          size="large"
          data-testid="screening-nothing"
          onClick={() => void send(true)}
        >
          {t('screeningNothing')}
        </Button>
      )}
      {found.map((d, i) => (
        <div key={i} className="queue-item">
          {pick(DISPUTE_TYPE_TEXT[d.type], d.type)} · {d.summary}
        </div>
      ))}
      <Form layout="vertical">
        <Form.Item label={t('disputeType')}>
          <Selector
            options={options(DISPUTE_TYPE_TEXT)}
            value={[type]}
            onChange={(v) => v[0] && setType(v[0] as DisputeInput['type'])}
          />
        </Form.Item>
        <Form.Item label={t('disputeSummary')}>
          <input
            className="input"
            data-testid="dispute-summary"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('disputeRisk')}>
          <Selector
            options={options(RISK_TEXT)}
            value={[risk]}
            onChange={(v) => v[0] && setRisk(v[0] as DisputeInput['riskLevel'])}
          />
        </Form.Item>
        <Form.Item label={t('disputeApplicant')}>
          <input
            className="input"
            data-testid="dispute-applicant"
            value={applicant}
            onChange={(e) => setApplicant(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('disputeRespondent')}>
          <input
            className="input"
            data-testid="dispute-respondent"
            value={respondent}
            onChange={(e) => setRespondent(e.target.value)}
          />
        </Form.Item>
      </Form>
      {householdId === undefined && (
        <Button block onClick={add} disabled={!current()}>
          {t('disputeAdd')}
        </Button>
      )}
      <Button
        block
        color="primary"
        size="large"
        data-testid="screening-send"
        disabled={reported || (found.length === 0 && !current())}
        onClick={() => void send(false)}
        style={{ marginTop: 12 }}
      >
        {householdId !== undefined
          ? t('disputeSend')
          : t('screeningSend', { n: found.length + (current() ? 1 : 0) })}
      </Button>
    </div>
  );
}
