import { Button, Result } from 'antd-mobile';
import { t } from '../i18n.js';
import { go } from '../router.js';
import { NextSteps } from './NextSteps.js';
import type { Reported } from './submit.js';

export type Done = ({ kind: 'sent' } & Reported) | { kind: 'queued' };

/** After submitting: the case number, or "kept on the phone, will be sent"; back to the household when reported on a visit. */
export function ReportDone({
  done,
  again,
  householdId,
}: {
  done: Done;
  again: () => void;
  householdId?: number;
}) {
  return (
    <div className="page" data-testid={`report-${done.kind}`}>
      <div className="card">
        {done.kind === 'sent' ? (
          <Result
            status="success"
            title={t('sentTitle')}
            description={<span data-testid="sent-number">{t('sentNumber', { number: done.number })}</span>}
          />
        ) : (
          <Result status="waiting" title={t('queuedTitle')} description={t('queuedHint')} />
        )}
        {done.kind === 'sent' && <NextSteps r={done} />}
        {done.kind === 'sent' && (
          <Button
            block
            color="primary"
            size="large"
            onClick={() => go(`/cases/${done.id}`)}
            data-testid="view-case"
          >
            {t('viewProgress')}
          </Button>
        )}
        {householdId && (
          <Button
            block
            color="primary"
            fill="outline"
            size="large"
            style={{ marginTop: 12 }}
            onClick={() => go(`/households/${householdId}`)}
            data-testid="back-to-household"
          >
            {t('visitsBackToHousehold')}
          </Button>
        )}
        <Button block size="large" style={{ marginTop: 12 }} onClick={again} data-testid="report-again">
          {t('reportAnother')}
        </Button>
        <Button block fill="none" style={{ marginTop: 12 }} onClick={() => go('/')}>
          {t('backHome')}
        </Button>
      </div>
    </div>
  );
}
