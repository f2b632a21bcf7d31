import { Card, Col, Row, Statistic } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { OPEN_STATES } from '../types.js';

/** The darker shades of each hue: at least 4.5:1 on the white card (WCAG 2.1 AA, GB/T 37668). */
const COLOURS: Record<string, string> = {
  reported: '#ad4e00',
  filed: '#0958d9',
  dispatched: '#1d39c4',
  accepted: '#006d75',
  handled: '#531dab',
  suspended: '#595959',
  overdue: '#c8102e',
};

/** Open cases by state, and overdue ones: each figure is the list's exact total (a page of one row). */
export function StateCounts() {
  const { t, label } = useLang();
  const counts = useLoad(async () => {
    const lists = await Promise.all([
      ...OPEN_STATES.map((state) => ok(api.GET('/api/v1/cases', { params: { query: { state, limit: 1 } } }))),
      ok(api.GET('/api/v1/cases', { params: { query: { overdue: 'true', open: 'true', limit: 1 } } })),
    ]);
    return lists.map((l) => l.total);
  }, []);
  useLive(() => counts.reload());
  const cells = [
    ...OPEN_STATES.map((s, i) => ({
      key: s,
      title: label('state', s),
      n: counts.data?.[i],
      query: { state: s },
    })),
    {
      key: 'overdue',
      title: t('wb.overdue'),
      n: counts.data?.[OPEN_STATES.length],
      query: { overdue: 'true', open: 'true' },
    },
  ];

  return (
    <Row gutter={[12, 12]}>
      {cells.map((c) => (
        <Col key={c.key} flex="1 1 0">
          <Card
            size="small"
            hoverable
            onClick={() => navigate('/cases', c.query)}
            data-testid={`count-${c.key}`}
            style={{ borderTop: `3px solid ${COLOURS[c.key]}` }}
          >
            <Statistic
              title={c.title}
              value={c.n ?? '—'}
              loading={counts.loading && !counts.data}
              styles={{ content: { color: COLOURS[c.key], fontWeight: 600 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
