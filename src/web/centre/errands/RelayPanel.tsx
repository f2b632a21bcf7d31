import { Alert, Steps, Typography } from 'antd';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';

type Detail = paths['/api/v1/errands/{id}']['get']['responses'][200]['content']['application/json'];

/** Which leg of the relay an open status is at (`returned`: back at the village). */
const LEG_OF: Record<string, string> = {
  accepted: 'village',
  at_township: 'township',
  at_county: 'county',
  returned: 'returned',
};

/**
 * 全程代办: the relay's legs (village proxy point → township platform → county approval centre → back
 * to the villager), each with its time limit in working days; where the item is now and until when.
 */
export function RelayPanel({ e }: { e: Detail }) {
  const { t, label } = useLang();
  if (e.relay.length === 0) return null;
  const at = e.relay.findIndex((l) => l.stage === LEG_OF[e.status]);
  const finished = ['done', 'confirmed'].includes(e.status);
  const current = finished ? e.relay.length : Math.max(at, 0);
  return (
    <div data-testid="errand-relay" data-tier={e.tier ?? ''}>
      <Typography.Title level={5}>{t('errands.relay')}</Typography.Title>
      <Steps
        size="small"
        current={current}
        status={e.tierOverdue ? 'error' : undefined}
        items={e.relay.map((l) => ({
          title: label('errands.relayStage', l.stage),
          description: t('errands.relayDays', { n: l.days }),
        }))}
      />
      {e.tier && e.tierDueAt && (
        <Alert
          style={{ marginTop: 8 }}
          type={e.tierOverdue ? 'error' : 'info'}
          title={t(e.tierOverdue ? 'errands.tierOverdue' : 'errands.tierDue', {
            tier: label('errands.handledAt', e.tier),
            at: fmtTime(e.tierDueAt),
          })}
          data-testid="errand-tier-due"
        />
      )}
    </div>
  );
}
