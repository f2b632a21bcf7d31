import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { loadCategories } from '../common/data.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Category, EscalationRule } from '../types.js';
import { RuleModal } from './RuleModal.js';

const CENTRES = ['township_centre', 'county_centre'] as const;

/** 三级联动规则 (GET/POST/PUT /admin/escalation-rules): where a case goes when a tier cannot settle it. */
export function RulesTab() {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const rules = useLoad(() => ok(api.GET('/api/v1/admin/escalation-rules')).then((r) => r.items), []);
  const depts = useLoad(() => ok(api.GET('/api/v1/departments')).then((r) => r.items), []);
  const [cats, setCats] = useState<Category[]>([]);
  const [editing, setEditing] = useState<EscalationRule | null | undefined>(undefined);
  useEffect(() => {
    void loadCategories().then(setCats, () => undefined);
  }, []);

  // county departments by name; township offices once per code, without the township's name
  const deptOptions = new Map<string, string>();
  for (const d of depts.data ?? [])
    if (!deptOptions.has(d.code))
      deptOptions.set(
        d.code,
        d.tier === 'township'
          ? `${d.name.replace(/^.+?(镇|乡|街道)/, '')}（${label('tier', 'township')}）`
          : d.name,
      );
  const ccOptions = [
    ...CENTRES.map((r) => ({ value: r, label: label('role', r) })),
    ...[...deptOptions].map(([code, name]) => ({ value: code, label: `${name} (${code})` })),
  ];
  const ccName = (c: string) => ccOptions.find((o) => o.value === c)?.label.replace(/ \(.*\)$/, '') ?? c;
  const catName = (code: string | null) => {
    if (!code) return <Typography.Text type="secondary">{t('rule.anyCategory')}</Typography.Text>;
    const c = cats.find((x) => x.code === code);
    return `${code} ${c ? (lang === 'zh' ? c.name : c.nameEn) : ''}`;
  };
  async function toggle(r: EscalationRule, active: boolean) {
    const { id, ...body } = r;
    try {
      await ok(
        api.PUT('/api/v1/admin/escalation-rules/{id}', {
          params: { path: { id } },
          body: { ...body, active },
        }),
      );
      rules.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="rule-add">
        {t('rule.add')}
      </Button>
      <Table<EscalationRule>
        rowKey="id"
        size="small"
        loading={rules.loading}
        dataSource={rules.data ?? []}
        pagination={false}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          { title: t('rule.category'), dataIndex: 'categoryCode', width: 180, render: catName },
          {
            title: t('rule.urgency'),
            dataIndex: 'urgency',
            width: 90,
            render: (u: string | null) => (u ? label('urgency', u) : t('rule.anyUrgency')),
          },
          {
            title: `${t('rule.from')} → ${t('rule.to')}`,
            key: 'tiers',
            width: 140,
            render: (_: unknown, r: EscalationRule) =>
              `${label('tier', r.fromTier)} → ${label('tier', r.toTier)}`,
          },
          {
            title: t('rule.cc'),
            dataIndex: 'cc',
            width: 260,
            render: (cc: string[]) => cc.map((c) => <Tag key={c}>{ccName(c)}</Tag>),
          },
          { title: t('rule.note'), dataIndex: 'note', ellipsis: true },
          {
            title: t('rule.active'),
            dataIndex: 'active',
            width: 70,
            render: (a: boolean, r: EscalationRule) => (
              <Switch
                size="small"
                checked={a}
                onChange={(v) => void toggle(r, v)}
                data-testid={`rule-active-${r.id}`}
              />
            ),
          },
          {
            title: '',
            key: 'edit',
            width: 70,
            render: (_: unknown, r: EscalationRule) => (
              <a onClick={() => setEditing(r)} data-testid={`rule-edit-${r.id}`}>
                {t('rule.edit')}
              </a>
            ),
          },
        ]}
      />
      <RuleModal
        open={editing !== undefined}
        rule={editing ?? null}
        ccOptions={ccOptions}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          message.success(t('rule.saved'));
          rules.reload();
        }}
      />
    </Space>
  );
}
