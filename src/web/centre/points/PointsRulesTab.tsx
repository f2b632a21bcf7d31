import { Alert, App, InputNumber, Space, Switch, Table } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { PointsRule } from './types.js';

/** 积分规则 (GET/PUT /admin/points-rules): what recognised work earns, edited in place. */
export function PointsRulesTab() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const rules = useLoad(() => ok(api.GET('/api/v1/admin/points-rules')).then((r) => r.items), []);

  async function save(r: PointsRule, change: Partial<Pick<PointsRule, 'points' | 'dailyCap' | 'active'>>) {
    try {
      await ok(
        api.PUT('/api/v1/admin/points-rules/{code}', {
          params: { path: { code: r.code } },
          body: { points: r.points, dailyCap: r.dailyCap, active: r.active, ...change },
        }),
      );
      message.success(t('points.ruleSaved'));
      rules.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('points.rulesNote')} />
      <Table<PointsRule>
        rowKey="code"
        size="small"
        loading={rules.loading}
        dataSource={rules.data ?? []}
        pagination={false}
        columns={[
          {
            title: t('points.rule'),
            key: 'name',
            render: (_: unknown, r: PointsRule) => (lang === 'zh' ? r.nameZh : r.nameEn),
          },
          { title: t('points.ruleCode'), dataIndex: 'code', width: 150 },
          {
            title: t('points.rulePoints'),
            dataIndex: 'points',
            width: 130,
            render: (p: number, r: PointsRule) => (
              <InputNumber
                key={`${r.code}-${p}`}
                size="small"
                min={1}
                max={1000}
                precision={0}
                defaultValue={p}
                onBlur={(e) => change(e.target.value, p, (v) => v !== null && void save(r, { points: v }))}
                data-testid={`rule-points-${r.code}`}
              />
            ),
          },
          {
            title: t('points.ruleCap'),
            dataIndex: 'dailyCap',
            width: 150,
            render: (c: number | null, r: PointsRule) => (
              <InputNumber
                key={`${r.code}-${c}`}
                size="small"
                min={1}
                max={100000}
                precision={0}
                placeholder={t('points.noCap')}
                defaultValue={c ?? undefined}
                onBlur={(e) => change(e.target.value, c, (v) => void save(r, { dailyCap: v }))}
                data-testid={`rule-cap-${r.code}`}
              />
            ),
          },
          {
            title: t('points.ruleActive'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean, r: PointsRule) => (
              <Switch
                size="small"
                checked={a}
                onChange={(v) => void save(r, { active: v })}
                data-testid={`rule-active-${r.code}`}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

/** Saves an edited number only when it changed (empty → null, i.e. no cap). */
function change(raw: string, before: number | null, then: (v: number | null) => void) {
  const v = raw.trim() === '' ? null : Number(raw);
  if (v !== null && (!Number.isInteger(v) || v < 1)) return;
  if (v !== before) then(v);
}
