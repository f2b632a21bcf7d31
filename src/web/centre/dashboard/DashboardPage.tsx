import { Alert, Button, Card, Col, Radio, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useAreaLive, useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { Chart } from './Chart.js';
import { DashMap } from './DashMap.js';

const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];
const PARENT: Record<number, number> = { 15: 12, 12: 9, 9: 6 };
const CHILD: Record<number, number> = { 6: 9, 9: 12, 12: 15 };

/** 驾驶舱 and 大屏: one region's figures (county, township, village or grid), drilling down by click. */
export default function DashboardPage({ route }: { route: Route }) {
  const { t, lang } = useLang();
  const region = route.query.get('region') ?? undefined;
  const period = (PERIODS as readonly string[]).includes(route.query.get('period') ?? '')
    ? (route.query.get('period') as Period)
    : 'month';
  const big = route.query.get('screen') === 'big';
  const go = (q: { region?: string; period?: string; screen?: string }) =>
    navigate('/dashboard', { region, period, screen: big ? 'big' : undefined, ...q });
  const res = useLoad(
    () => ok(api.GET('/api/v1/indicators/dashboard', { params: { query: { region, period } } })),
    [region, period],
  );
  // live: every report and closure in the caller's subtree reaches the page through the event
  // stream (area events, scoped by the server), and the caller's own notices too; a burst of
  // them reloads the figures once a second at most
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const soon = () => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      res.reload();
    }, 1000);
  };
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  useLive(soon);
  useAreaLive((e) => {
    // a county-wide event is for this page when its grid lies in the region shown
    if (!region || e.gridCode?.startsWith(region)) soon();
  });

  const d = res.data;
  if (res.error) return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!d) return <Skeleton active />;

  const name = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const v = (code: string) => d.values.find((x) => x.code === code);
  const fmtV = (x: number | null | undefined, unit = '') => (x == null ? '—' : `${x}${unit}`);
  const change = (x: number | null | undefined) =>
    x == null ? (
      '—'
    ) : (
      <span style={{ color: x > 0 ? '#cf1322' : '#389e0d' }}>{`${x > 0 ? '+' : ''}${x}%`}</span>
    );
  const heads: [string, string, string, string][] = [
    ['case.reported', '上报', 'Reported', ''],
    ['case.closed', '结案', 'Closed', ''],
    ['case.closure_rate', '结案率', 'Closure rate', '%'],
    ['case.on_time_closure_rate', '按期结案率', 'On-time closure', '%'],
    ['case.overdue_now', '当前超期', 'Overdue now', ''],
    ['case.open_now', '在办', 'Open now', ''],
    ['case.avg_hours_close', '平均结案用时', 'Avg. hours to close', 'h'],
    ['case.satisfaction_rate', '满意率', 'Satisfaction', '%'],
  ];
  const childCodes = d.byRegion.map((r) => r.key);
  const drill = (i: number) => {
    const code = childCodes[i];
    if (code) go({ region: code });
  };
  const text = big ? '#cfe3ff' : undefined;
  const axis = { axisLabel: { color: text }, axisLine: { lineStyle: { color: text } } };

  const body = (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="dashboard">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={big ? 2 : 4} style={{ margin: 0, color: text }} data-testid="dash-region">
          {d.region.name} · {t('dash.title')}
        </Typography.Title>
        <Space wrap>
          {PARENT[d.region.code.length] && (
            <Button onClick={() => go({ region: d.region.code.slice(0, PARENT[d.region.code.length]) })}>
              {t('dash.up')}
            </Button>
          )}
          <Radio.Group value={period} onChange={(e) => go({ period: e.target.value as string })} size="small">
            {PERIODS.map((p) => (
              <Radio.Button key={p} value={p}>
                {t(`dash.period.${p}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Tag color="red">{t('dash.live')}</Tag>
          <Button
            onClick={() => go({ screen: big ? undefined : 'big' })}
            data-testid="dash-big"
            type={big ? 'default' : 'primary'}
          >
            {big ? t('dash.exitBig') : t('dash.bigScreen')}
          </Button>
        </Space>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6} xl={3}>
          <Card size="small" style={panel(big)}>
            <Statistic
              title={label(t('dash.todayReported'), big)}
              value={d.today.reported}
              valueStyle={val(big)}
            />
            <span data-testid="dash-today-reported" hidden>
              {d.today.reported}
            </span>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small" style={panel(big)}>
            <Statistic
              title={label(t('dash.todayClosed'), big)}
              value={d.today.closed}
              valueStyle={val(big)}
            />
          </Card>
        </Col>
        {heads.slice(0, 6).map(([code, zh, en, unit]) => (
          <Col xs={12} md={6} xl={3} key={code}>
            <Card size="small" style={panel(big)} data-testid={`dash-${code}`}>
              <Statistic
                title={label(name(zh, en), big)}
                value={fmtV(v(code)?.value, unit)}
                valueStyle={val(big)}
              />
              <div style={{ fontSize: 12, color: big ? '#8fb3e6' : '#888' }}>
                {t('dash.prev')} {change(v(code)?.changePrevious)} · {t('dash.year')}{' '}
                {change(v(code)?.changeYear)}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={label(t('dash.trend'), big)} style={panel(big)}>
            <Chart
              dark={big}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('dash.reported'), t('dash.closed')], textStyle: { color: text } },
                xAxis: { type: 'category', data: d.trend.map((p) => p.from), ...axis },
                yAxis: { type: 'value', ...axis },
                series: [
                  {
                    name: t('dash.reported'),
                    type: 'line',
                    smooth: true,
                    data: d.trend.map((p) => p.values['case.reported'] ?? 0),
                  },
                  {
                    name: t('dash.closed'),
                    type: 'line',
                    smooth: true,
                    data: d.trend.map((p) => p.values['case.closed'] ?? 0),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={label(t('dash.byRegion'), big)}
            style={panel(big)}
            extra={<small>{t('dash.noRanking')}</small>}
          >
            <Chart
              dark={big}
              testId="dash-by-region"
              onClick={(_n, i) => drill(i)}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('dash.reported'), t('dash.closureRate')], textStyle: { color: text } },
                xAxis: {
                  type: 'category',
                  data: d.byRegion.map((r) => r.name),
                  axisLabel: { rotate: 30, color: text },
                },
                yAxis: [
                  { type: 'value', ...axis },
                  { type: 'value', max: 100, ...axis },
                ],
                series: [
                  { name: t('dash.reported'), type: 'bar', data: d.byRegion.map((r) => r.reported ?? 0) },
                  {
                    name: t('dash.closureRate'),
                    type: 'line',
                    yAxisIndex: 1,
                    data: d.byRegion.map((r) => r.closureRate),
                  },
                ],
              }}
            />
            <Space wrap size={4}>
              {d.byRegion.map((r) => (
                <Button
                  key={r.key}
                  size="small"
                  type="link"
                  onClick={() => go({ region: r.key })}
                  data-testid={`drill-${r.key}`}
                >
                  {r.name}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={label(t('dash.byCategory'), big)} style={panel(big)}>
            <Chart
              dark={big}
              option={{
                tooltip: {},
                grid: { left: 110 },
                xAxis: { type: 'value', ...axis },
                yAxis: { type: 'category', data: d.byCategory.map((c) => c.name).reverse(), ...axis },
                series: [{ type: 'bar', data: d.byCategory.map((c) => c.value ?? 0).reverse() }],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={label(t('dash.satisfaction'), big)} style={panel(big)}>
            <Chart
              dark={big}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: [
                      { name: t('dash.satisfied'), value: d.satisfaction.satisfied },
                      { name: t('dash.basic'), value: d.satisfaction.basic },
                      { name: t('dash.dissatisfied'), value: d.satisfaction.dissatisfied },
                    ],
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={label(t('dash.overdue'), big)} style={panel(big)}>
            <Chart
              dark={big}
              onClick={(_n, i) => drill(i)}
              option={{
                tooltip: {},
                xAxis: {
                  type: 'category',
                  data: d.byRegion.map((r) => r.name),
                  axisLabel: { rotate: 30, color: text },
                },
                yAxis: { type: 'value', ...axis },
                series: [
                  {
                    type: 'bar',
                    itemStyle: { color: '#cf1322' },
                    data: d.byRegion.map((r) => r.overdueNow ?? 0),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={label(t('dash.map'), big)} style={panel(big)}>
            <DashMap
              region={d.region.code}
              childLength={CHILD[d.region.code.length] ?? null}
              period={period}
              onDrill={(code) => go({ region: code })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={label(t('dash.byDepartment'), big)} style={panel(big)}>
            <Chart
              dark={big}
              height={390}
              option={{
                tooltip: {},
                xAxis: {
                  type: 'category',
                  data: d.byDepartment.map((x) => x.name),
                  axisLabel: { rotate: 20, color: text },
                },
                yAxis: { type: 'value', max: 100, ...axis },
                series: [{ type: 'bar', data: d.byDepartment.map((x) => x.value) }],
              }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
  if (!big) return body;
  return (
    <div
      data-testid="big-screen"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        overflow: 'auto',
        background: '#061530',
        padding: 24,
        minWidth: 1920,
        minHeight: 1080,
      }}
    >
      {body}
    </div>
  );
}

const panel = (big: boolean) => (big ? { background: '#0b2350', borderColor: '#1d4585' } : undefined);
const val = (big: boolean) => (big ? { color: '#5cdbd3' } : undefined);
const label = (s: string, big: boolean) => (big ? <span style={{ color: '#cfe3ff' }}>{s}</span> : s);
