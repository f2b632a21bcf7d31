import { Alert, Button, Card, Checkbox, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { periodText, type Board, type BoardVillage } from './bits.js';

type Township = Board['townships'][number];

/**
 * §30 board: per township, how many villages still owe this quarter's village
 * affairs and this month's finances; below, every village with its latest
 * periods, the ones behind first. A township row drills down; a village row
 * opens its disclosures.
 */
export function ComplianceBoard({
  within,
  onWithin,
  onVillage,
}: {
  within: string | undefined;
  onWithin: (code: string | undefined) => void;
  onVillage: (code: string) => void;
}) {
  const { t, lang } = useLang();
  const [onlyDue, setOnlyDue] = useState(false);
  const res = useLoad(
    () => ok(api.GET('/api/v1/disclosures/compliance', { params: { query: { within } } })),
    [within],
  );
  const b = res.data;
  const behind = (v: BoardVillage) => Number(v.villageAffairsDue) + Number(v.financeDue);
  const villages = (b?.villages ?? [])
    .filter((v) => !onlyDue || behind(v) > 0)
    .sort((x, y) => behind(y) - behind(x) || x.code.localeCompare(y.code));
  const flag = (due: boolean) =>
    due ? <Tag color="red">{t('disclosures.due')}</Tag> : <Tag color="green">{t('disclosures.onTime')}</Tag>;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="disclosures-board">
      <Alert type="info" showIcon title={t('disclosures.lawNote')} />
      {res.error !== undefined && <Alert type="error" showIcon title={errorText(res.error, lang)} />}
      <Row gutter={12}>
        {[
          { key: 'villages', title: t('disclosures.villages'), value: b?.totals.villages },
          {
            key: 'villageDue',
            title: `${t('disclosures.villageDue')}（${b?.quarter ?? ''}）`,
            value: b?.totals.villageAffairsDue,
          },
          {
            key: 'financeDue',
            title: `${t('disclosures.financeDue')}（${b?.month ?? ''}）`,
            value: b?.totals.financeDue,
          },
        ].map((x) => (
          <Col span={8} key={x.key}>
            <Card size="small">
              <Statistic
                title={x.title}
                value={x.value ?? '—'}
                loading={res.loading && !b}
                data-testid={`board-${x.key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {within && (
        <Button onClick={() => onWithin(undefined)} data-testid="board-up">
          {t('disclosures.allTownships')}
        </Button>
      )}
      {b && b.townships.length > 1 && (
        <Table<Township>
          className="wg-clickable-rows"
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={b.townships}
          onRow={(x) =>
            ({
              onClick: () => onWithin(x.code),
              'data-testid': `board-township-${x.code}`,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('disclosures.township'), dataIndex: 'name' },
            { title: t('disclosures.villages'), dataIndex: 'villages', width: 90 },
            {
              title: t('disclosures.villageDue'),
              dataIndex: 'villageAffairsDue',
              width: 160,
              render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
            },
            {
              title: t('disclosures.financeDue'),
              dataIndex: 'financeDue',
              width: 160,
              render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
            },
          ]}
        />
      )}
      <Checkbox checked={onlyDue} onChange={(e) => setOnlyDue(e.target.checked)} data-testid="board-only-due">
        {t('disclosures.onlyDue')}
      </Checkbox>
      <Table<BoardVillage>
        className="wg-clickable-rows"
        rowKey="code"
        size="small"
        loading={res.loading}
        dataSource={villages}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
        onRow={(v) =>
          ({
            onClick: () => onVillage(v.code),
            'data-testid': `board-village-${v.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('disclosures.village'), dataIndex: 'name' },
          { title: t('disclosures.township'), dataIndex: 'townshipName', width: 140 },
          { title: t('disclosures.villageDue'), dataIndex: 'villageAffairsDue', width: 150, render: flag },
          { title: t('disclosures.financeDue'), dataIndex: 'financeDue', width: 140, render: flag },
          {
            title: t('disclosures.latestVillage'),
            dataIndex: 'latestVillagePeriod',
            width: 140,
            render: (p: string | null) => periodText(p, lang),
          },
          {
            title: t('disclosures.latestFinance'),
            dataIndex: 'latestFinancePeriod',
            width: 130,
            render: (p: string | null) => periodText(p, lang),
          },
          {
            title: t('disclosures.latestParty'),
            dataIndex: 'latestPartyPeriod',
            width: 140,
            render: (p: string | null) => periodText(p, lang),
          },
          {
            title: t('disclosures.lastMajor'),
            dataIndex: 'lastMajorPublishedAt',
            width: 140,
            render: (v: string | null) => fmtTime(v),
          },
        ]}
      />
    </Space>
  );
}
