import { Card, Col, Row, Statistic, Typography } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Rate = { n: number; of: number; percent: number | null };
const pct = (r?: Rate) => (r && r.percent !== null ? `${r.percent}%` : undefined);

/** 干部队伍统计 (GET /cadres/stats) as the organisation department reports them, for a region of my scope. */
export function StatsPanel({ within }: { within?: string }) {
  const { t, lang } = useLang();
  const res = useLoad(() => ok(api.GET('/api/v1/cadres/stats', { params: { query: { within } } })), [within]);
  const s = res.data;
  const cells = [
    { key: 'members', value: s?.committeeMembers, colour: '#c8102e' },
    {
      key: 'averageAge',
      value: s?.averageAge ?? undefined,
      colour: '#c8102e',
      suffix: lang === 'zh' ? '岁' : 'y',
    },
    {
      key: 'college',
      value: pct(s?.college),
      colour: '#d4380d',
      hint: s && `${s.college.n}/${s.college.of}`,
    },
    {
      key: 'oneVillages',
      value: pct(s?.oneShoulderVillages),
      colour: '#d4380d',
      hint: s && `${s.oneShoulderVillages.n}/${s.oneShoulderVillages.of}`,
    },
    {
      key: 'oneCommunities',
      value: pct(s?.oneShoulderCommunities),
      colour: '#fa8c16',
      hint: s && `${s.oneShoulderCommunities.n}/${s.oneShoulderCommunities.of}`,
    },
    { key: 'reserve', value: s?.reserveCadres, colour: '#389e0d' },
    { key: 'firstSecretaries', value: s?.firstSecretaries, colour: '#389e0d' },
    { key: 'mentors', value: s?.mentorPairs, colour: '#1677ff' },
  ] as const;
  return (
    <>
      <Typography.Text type="secondary" data-testid="cadres-stats-scope">
        {t('cadres.scope', { region: s?.regionName ?? '…', on: s?.on ?? '…' })}
      </Typography.Text>
      <Row gutter={[12, 12]} style={{ marginTop: 4 }}>
        {cells.map((c) => (
          <Col key={c.key} flex="1 1 0">
            <Card
              size="small"
              data-testid={`cadres-stat-${c.key}`}
              style={{ borderTop: `3px solid ${c.colour}` }}
            >
              <Statistic
                title={t(`cadres.stat.${c.key}`)}
                value={c.value ?? '—'}
                suffix={'suffix' in c && c.value !== undefined ? c.suffix : undefined}
                loading={res.loading && !s}
                styles={{ content: { color: c.colour, fontWeight: 600 } }}
              />
              {'hint' in c && c.hint ? <Typography.Text type="secondary">{c.hint}</Typography.Text> : null}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
