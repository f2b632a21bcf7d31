import { Alert, App, Button, InputNumber, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { CARE_TAGS } from '../types.js';

type Row = { careTag: string; intervalDays: number | null };

/** 走访周期 (visits.configure): days between visits per care tag; empty = as other households. Saving recomputes due dates. */
export function VisitPolicyTab() {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const res = useLoad(() => ok(api.GET('/api/v1/admin/visit-policy')), []);
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!res.data) return;
    const days = new Map(res.data.items.map((i) => [i.careTag as string, i.intervalDays]));
    setRows(['', ...CARE_TAGS].map((tag) => ({ careTag: tag, intervalDays: days.get(tag) ?? null })));
  }, [res.data]);

  async function save() {
    setSaving(true);
    try {
      const items = rows
        .filter((r) => r.intervalDays !== null)
        .map((r) => ({ careTag: r.careTag as '', intervalDays: r.intervalDays as number }));
      const out = await ok(api.PUT('/api/v1/admin/visit-policy', { body: { items } }));
      message.success(t('visits.policySaved', { n: out.recomputed ?? 0 }));
      res.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  }

  const set = (tag: string, v: number | null) =>
    setRows((rs) => rs.map((r) => (r.careTag === tag ? { ...r, intervalDays: v } : r)));
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Alert type="info" showIcon title={t('visits.policyHint')} />
      {res.error !== undefined && <Alert type="error" title={errorText(res.error, lang)} />}
      <Table<Row>
        rowKey="careTag"
        size="small"
        loading={res.loading}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('visits.policyTag'),
            dataIndex: 'careTag',
            render: (tag: string) => (tag ? label('care', tag) : t('visits.policyDefault')),
          },
          {
            title: t('visits.policyDays'),
            dataIndex: 'intervalDays',
            width: 220,
            render: (v: number | null, r: Row) => (
              <InputNumber
                min={1}
                max={366}
                precision={0}
                value={v}
                placeholder={r.careTag ? t('visits.policyUseDefault') : ''}
                onChange={(n) => set(r.careTag, n === null ? null : Number(n))}
                style={{ width: 180 }}
                data-testid={`policy-${r.careTag || 'default'}`}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        loading={saving}
        disabled={!rows.find((r) => r.careTag === '')?.intervalDays}
        onClick={() => void save()}
        data-testid="policy-save"
      >
        {t('visits.save')}
      </Button>
    </Space>
  );
}
