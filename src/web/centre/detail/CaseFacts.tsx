import { Descriptions, Typography } from 'antd';
import { fmtTime } from '../format.js';
import { useCategoryName } from '../common/useCategoryNames.js';
import { useLang } from '../lang.js';
import type { CaseDetail } from '../types.js';
import { Deadline } from '../cases/tags.js';
import { Attributes } from './Attributes.js';

type PendingDelay = { amount?: number; unit?: string; reason?: string | null };

/** The case's facts; the reporter's contact comes masked from the API. */
export function CaseFacts({ c }: { c: CaseDetail }) {
  const { t, label } = useLang();
  const catName = useCategoryName();
  const pending = c.pendingDelay as PendingDelay | null;
  const attrs = Object.entries(c.attributes ?? {});
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      styles={{ label: { width: 110 } }}
      data-testid="case-facts"
    >
      <Descriptions.Item label={t('case.description')} span={2}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {c.open311 ? c.open311.originalText : c.description}
        </Typography.Paragraph>
      </Descriptions.Item>
      {c.open311 && (
        <Descriptions.Item label={t('case.open311Media')} span={2}>
          <span data-testid="open311-media">
            {c.open311.mediaUrls.length === 0
              ? dash
              : c.open311.mediaUrls.map((u) => (
                  <div key={u}>
                    <a href={u} target="_blank" rel="noopener noreferrer nofollow">
                      {u}
                    </a>
                  </div>
                ))}
          </span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('case.category')}>
        {catName(c.categoryCode, c.categoryName)}{' '}
        <Typography.Text type="secondary">({c.categoryCode})</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('case.source')}>
        {label('source', c.source)}
        {c.open311 && (
          <span data-testid="open311-client">
            {' · '}
            {t('case.open311Client', { client: c.open311.client })}
          </span>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('case.tier')}>{label('tier', c.tier)}</Descriptions.Item>
      <Descriptions.Item label={t('case.urgency')}>{label('urgency', c.urgency)}</Descriptions.Item>
      <Descriptions.Item label={t('case.grid')}>
        {c.gridName} <Typography.Text type="secondary">({c.gridCode})</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('case.department')}>{c.departmentName ?? dash}</Descriptions.Item>
      <Descriptions.Item label={t('case.deadline')} span={2}>
        <Deadline c={c} inline />
        {c.overdueCount > 0 && (
          <Typography.Text type="danger" style={{ marginInlineStart: 12 }}>
            {t('case.overdueCount')}: {c.overdueCount}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('case.reportedAt')}>{fmtTime(c.reportedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('case.closedAt')}>
        {c.closedAt ? fmtTime(c.closedAt) : dash}
      </Descriptions.Item>
      <Descriptions.Item label={t('case.reporter')}>{c.reporterName ?? dash}</Descriptions.Item>
      <Descriptions.Item label={t('case.contact')}>{c.reporterContact ?? dash}</Descriptions.Item>
      <Descriptions.Item label={t('case.address')} span={2}>
        {c.address ?? dash}
        {c.lat !== null && c.lng !== null && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            ({c.lat.toFixed(5)}, {c.lng.toFixed(5)})
          </Typography.Text>
        )}
      </Descriptions.Item>
      {attrs.length > 0 && (
        <Descriptions.Item label={t('case.attributes')} span={2}>
          <Attributes categoryCode={c.categoryCode} answers={c.attributes} />
        </Descriptions.Item>
      )}
      {pending && (
        <Descriptions.Item label={t('case.pendingDelay')} span={2}>
          {t('unit.amount', { n: pending.amount, unit: pending.unit, name: label('unit', pending.unit) })}{' '}
          {pending.reason ? `— ${pending.reason}` : ''}
        </Descriptions.Item>
      )}
      {c.evaluation && (
        <Descriptions.Item label={t('case.evaluation')} span={2}>
          {label('eval', c.evaluation)} {c.evaluationComment ? `— ${c.evaluationComment}` : ''}
        </Descriptions.Item>
      )}
      {c.duplicateOf && (
        <Descriptions.Item label={t('case.duplicateOf')} span={2}>
          <a href={`/cases/${c.duplicateOf}`}>#{c.duplicateOf}</a>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
