import { Input, Segmented, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { loadCategories, reloadCategories } from '../common/data.js';
import { useLang } from '../lang.js';
import { useSession } from '../session.js';
import type { Category } from '../types.js';
import { DeadlinesModal } from './DeadlinesModal.js';

type Deadline = { amount: number; unit: string };

/** The category catalogue, read-only, with deadlines per tier and filing/closing criteria. */
export function CategoriesTab() {
  const { t, label, lang } = useLang();
  const [all, setAll] = useState<Category[]>([]);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('all');
  const [editing, setEditing] = useState<Category | null>(null);
  const [tick, setTick] = useState(0);
  const { can } = useSession();
  useEffect(() => {
    void loadCategories().then(setAll, () => undefined);
  }, [tick]);
  const dl = (c: Category, tier: string) => {
    const d = (c.deadlines as Record<string, Deadline> | null)?.[tier];
    if (!d) return '—';
    return d.unit === 'sameday'
      ? label('unit', 'sameday')
      : t('unit.amount', { n: d.amount, unit: d.unit, name: label('unit', d.unit) });
  };
  const term = q.trim();
  const rows = all.filter(
    (c) =>
      (kind === 'all' || c.kind === kind) &&
      (!term ||
        c.name.includes(term) ||
        c.majorName.includes(term) ||
        c.code.includes(term.toUpperCase()) ||
        c.keywords.some((k) => k.includes(term))),
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input.Search
          placeholder={t('cat.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
        />
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={[
            { value: 'all', label: t('common.all') },
            ...['component', 'event', 'governance'].map((k) => ({ value: k, label: label('kind', k) })),
          ]}
        />
        <Typography.Text type="secondary">{t('common.total', { n: rows.length })}</Typography.Text>
      </Space>
      <Table<Category>
        rowKey="code"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (c) => (
            <div style={{ maxWidth: 1000 }}>
              <p>
                <b>
                  {t('cat.filing')}
                  {t('common.colon')}
                </b>
                {c.filingCriteria}
              </p>
              <p style={{ margin: 0 }}>
                <b>
                  {t('cat.closing')}
                  {t('common.colon')}
                </b>
                {c.closingCriteria}
              </p>
            </div>
          ),
        }}
        columns={[
          { title: t('cat.code'), dataIndex: 'code', width: 80 },
          { title: t('cat.kind'), dataIndex: 'kind', width: 90, render: (k: string) => label('kind', k) },
          { title: t('cat.major'), dataIndex: 'majorName', width: 110 },
          {
            title: t('cat.name'),
            key: 'name',
            width: 220,
            render: (_: unknown, c: Category) => (lang === 'zh' ? c.name : c.nameEn),
          },
          {
            title: t('tier.village'),
            key: 'v',
            width: 110,
            render: (_: unknown, c: Category) => dl(c, 'village'),
          },
          {
            title: t('tier.township'),
            key: 't',
            width: 110,
            render: (_: unknown, c: Category) => dl(c, 'township'),
          },
          {
            title: t('tier.county'),
            key: 'c',
            width: 110,
            render: (_: unknown, c: Category) => dl(c, 'county'),
          },
          { title: t('cat.filing'), dataIndex: 'filingCriteria', ellipsis: true },
          ...(can('cases.configure')
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 90,
                  render: (_: unknown, c: Category) => (
                    <a onClick={() => setEditing(c)} data-testid={`deadlines-${c.code}`}>
                      {t('cat.editDeadlines')}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <DeadlinesModal
        category={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          reloadCategories();
          setTick((n) => n + 1);
        }}
      />
    </Space>
  );
}
