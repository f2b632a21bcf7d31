import { Card, Col, Row, Statistic, Typography } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/** 两新党建覆盖 of a region (GET /enterprises/coverage). */
export function CoverageCards({ within, tick }: { within?: string; tick: number }) {
  const { t } = useLang();
  const res = useLoad(
    () => ok(api.GET('/api/v1/enterprises/coverage', { params: { query: { within } } })),
    [within, tick],
  );
  const s = res.data;
  const pct = (r?: { n: number; percent: number | null }) => (r ? `${r.n}（${r.percent ?? 0}%）` : undefined);
  const cells = [
    { key: 'enterprises', value: s?.enterprises, colour: '#1677ff' },
    { key: 'socialOrgs', value: s?.socialOrgs, colour: '#1677ff' },
    { key: 'withPartyOrg', value: pct(s?.withPartyOrg), colour: '#c8102e' },
    { key: 'withInstructor', value: pct(s?.withInstructor), colour: '#c8102e' },
    { key: 'covered', value: pct(s?.covered), colour: '#d4380d' },
    { key: 'withHelpers', value: s && `${s.withHelpers}（${s.helperCadres}人）`, colour: '#389e0d' },
    { key: 'helped', value: s?.helped, colour: '#389e0d' },
    {
      key: 'needs',
      value: s && `${s.needs.open} / ${s.needs.solved} / ${s.needs.raised}`,
      colour: '#fa8c16',
    },
  ] as const;
  return (
    <>
      <Typography.Text type="secondary">{t('ent.scope', { region: s?.regionName ?? '…' })}</Typography.Text>
      <Row gutter={[12, 12]} style={{ marginTop: 4 }}>
        {cells.map((c) => (
          <Col key={c.key} flex="1 1 0">
            <Card
              size="small"
              data-testid={`ent-cov-${c.key}`}
              style={{ borderTop: `3px solid ${c.colour}` }}
            >
              <Statistic
                title={t(`ent.cov.${c.key}`)}
                value={c.value ?? '—'}
                loading={res.loading && !s}
                styles={{ content: { color: c.colour, fontWeight: 600, fontSize: 20 } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
