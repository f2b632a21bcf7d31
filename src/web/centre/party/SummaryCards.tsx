import { Card, Col, Row, Statistic, Typography } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/** The party figures of a region (GET /party/summary): organisations, members, linked households, grid coverage. */
export function SummaryCards({ within, version = 0 }: { within?: string; version?: number }) {
  const { t } = useLang();
  const res = useLoad(
    () => ok(api.GET('/api/v1/party/summary', { params: { query: { within } } })),
    [within, version],
  );
  const s = res.data;
  const cells: Array<{ key: string; title: string; value: string | number | undefined; colour: string }> = [
    {
      key: 'committees',
      title: t('party.sum.committees'),
      value: s && s.countyCommittees + s.townshipCommittees,
      colour: '#c8102e',
    },
    { key: 'branches', title: t('party.sum.branches'), value: s?.branches, colour: '#c8102e' },
    { key: 'gridBranches', title: t('party.sum.gridBranches'), value: s?.gridBranches, colour: '#c8102e' },
    { key: 'gridGroups', title: t('party.sum.gridGroups'), value: s?.gridGroups, colour: '#ad2102' },
    { key: 'members', title: t('party.sum.members'), value: s?.members, colour: '#ad2102' },
    { key: 'central', title: t('party.sum.central'), value: s?.centralHouseholds, colour: '#ad2102' },
    {
      key: 'linkedMembers',
      title: t('party.sum.linkedMembers'),
      value: s?.membersWithLinkedHouseholds,
      colour: '#ad4e00',
    },
    {
      key: 'linkedHouseholds',
      title: t('party.sum.linkedHouseholds'),
      value: s?.linkedHouseholds,
      colour: '#ad4e00',
    },
    {
      key: 'coverage',
      title: t('party.sum.coverage'),
      value: s && `${s.gridsWithGroup} / ${s.grids}`,
      colour: '#237804',
    },
  ];
  return (
    <>
      <Typography.Text type="secondary" data-testid="party-sum-scope">
        {t('party.sum.scope', { region: s?.regionName ?? '…' })}
      </Typography.Text>
      <Row gutter={[12, 12]} style={{ marginTop: 4 }}>
        {cells.map((c) => (
          <Col key={c.key} flex="1 1 0">
            <Card
              size="small"
              data-testid={`party-sum-${c.key}`}
              style={{ borderTop: `3px solid ${c.colour}` }}
            >
              <Statistic
                title={c.title}
                value={c.value ?? '—'}
                loading={res.loading && !s}
                styles={{ content: { color: c.colour, fontWeight: 600 } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
