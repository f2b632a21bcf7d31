import { Space, Tag, Typography } from 'antd';
import { fmtSpan, fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import type { CaseItem } from '../types.js';

/** Solid tags: white on dark red, white on red, black on yellow (each at least 4.5:1). */
const WARNING_TAG: Record<string, string> = { overdue: '#820014', red: '#cf1322', yellow: '#fadb14' };
const STATE_TAG: Record<string, string> = {
  reported: 'orange',
  filed: 'blue',
  dispatched: 'geekblue',
  accepted: 'cyan',
  handled: 'purple',
  closed: 'green',
  suspended: 'default',
  not_filed: 'default',
  cancelled: 'default',
  merged: 'default',
};
/** Most urgent first: overdue, red, yellow, none. */
export const WARNING_RANK: Record<string, number> = { overdue: 0, red: 1, yellow: 2, none: 3 };

/** 超期 / 红色预警 / 黄色预警 (nothing when on track). */
export function WarningTag({ warning }: { warning: string }) {
  const { label } = useLang();
  if (!WARNING_TAG[warning]) return null;
  return (
    <Tag
      color={WARNING_TAG[warning]}
      variant="solid"
      data-testid={`warning-${warning}`}
      style={{ marginInlineEnd: 0, color: warning === 'yellow' ? '#000' : undefined }}
    >
      {label('warning', warning)}
    </Tag>
  );
}

export function StateTag({ state }: { state: string }) {
  const { label } = useLang();
  return (
    <Tag color={STATE_TAG[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {label('state', state)}
    </Tag>
  );
}

/** Flags beside the state: 加急, 督办. */
export function FlagTags({ c }: { c: Pick<CaseItem, 'expedited' | 'supervised' | 'urgency'> }) {
  const { t, label } = useLang();
  return (
    <>
      {c.urgency !== 'normal' && <Tag color="volcano">{label('urgency', c.urgency)}</Tag>}
      {c.expedited && <Tag color="red">{t('case.expedited')}</Tag>}
      {c.supervised && <Tag color="purple">{t('case.supervised')}</Tag>}
    </>
  );
}

/** The deadline in Shanghai time, wall-clock time left (or late), and the warning tag. */
export function Deadline({
  c,
  inline,
}: {
  c: Pick<CaseItem, 'deadlineAt' | 'warning' | 'closedAt'>;
  inline?: boolean;
}) {
  const { t, lang } = useLang();
  if (!c.deadlineAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(c.deadlineAt).getTime() - Date.now();
  const open = !c.closedAt;
  return (
    <Space
      size={4}
      orientation={inline ? 'horizontal' : 'vertical'}
      style={{ rowGap: 0, whiteSpace: 'nowrap' }}
    >
      <span>
        <WarningTag warning={c.warning} /> {fmtTime(c.deadlineAt)}
      </span>
      {open && (
        <Typography.Text type={left < 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {left < 0
            ? t('case.late', { d: fmtSpan(left, lang) })
            : t('case.remaining', { d: fmtSpan(left, lang) })}
        </Typography.Text>
      )}
    </Space>
  );
}
