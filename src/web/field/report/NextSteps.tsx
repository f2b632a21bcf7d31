import { when } from '../cases/bits.js';
import { t, type StringKey } from '../i18n.js';
import type { Reported } from './submit.js';

const WHO: Record<Reported['tier'], StringKey> = {
  village: 'nextVillage',
  township: 'nextTownship',
  county: 'nextCounty',
};
const WITHIN: Record<NonNullable<Reported['deadline']>['unit'], StringKey> = {
  sameday: 'withinSameday',
  workday: 'withinWorkday',
  workhour: 'withinWorkhour',
  day: 'withinDay',
  hour: 'withinHour',
};

/** "What happens next": who holds the report and by when, in plain words, from the server's answer. */
export function NextSteps({ r }: { r: Reported }) {
  if (!r.deadlineAt) return null;
  const within = r.deadline ? t(WITHIN[r.deadline.unit], { n: r.deadline.amount }) : t('withinUrgent');
  const text = t(r.state === 'reported' ? 'nextWhatReported' : 'nextWhatFiled', {
    who: t(WHO[r.tier]),
    within,
    when: when(r.deadlineAt),
  });
  return (
    <div className="card next-steps" role="status" data-testid="next-steps">
      <p style={{ margin: 0, fontSize: 18 }}>{text}</p>
      <p className="muted" style={{ margin: '8px 0 0' }}>
        {t('nextFollow')}
      </p>
    </div>
  );
}
