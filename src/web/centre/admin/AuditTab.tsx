import { Button, Input, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { AuditItem } from '../types.js';

const PAGE = 50;
const brief = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The county's audit log (GET /audit), newest first, paged with beforeId. */
export function AuditTab() {
  const { t, label, lang } = useLang();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [items, setItems] = useState<AuditItem[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Record<number, string>>({});

  async function load(beforeId?: number) {
    setBusy(true);
    setError(null);
    try {
      const r = await ok(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              action: action.trim() || undefined,
              entityType: entityType.trim() || undefined,
              limit: PAGE,
              beforeId,
            },
          },
        }),
      );
      setItems((xs) => (beforeId ? [...xs, ...r.items] : r.items));
      setMore(r.items.length === PAGE);
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load();
    // the audit log names actors by id only: resolve the names from the account list
    void ok(api.GET('/api/v1/accounts', { params: { query: { limit: 500 } } })).then(
      (r) => setNames(Object.fromEntries(r.items.map((a) => [a.id, `${a.displayName} (${a.username})`]))),
      () => undefined,
    );
  }, []);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input
          placeholder={t('audit.filterAction')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          style={{ width: 220 }}
          onPressEnter={() => void load()}
          data-testid="audit-action"
        />
        <Input
          placeholder={t('audit.filterEntity')}
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          style={{ width: 200 }}
          onPressEnter={() => void load()}
        />
        <Button type="primary" onClick={() => void load()}>
          {t('common.search')}
        </Button>
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table<AuditItem>
        rowKey="id"
        size="small"
        loading={busy}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 140, render: (d: string) => fmtTime(d) },
          {
            title: t('audit.actor'),
            key: 'actor',
            width: 220,
            render: (_: unknown, a: AuditItem) =>
              (a.actorId ? (names[a.actorId] ?? `#${a.actorId}`) : '—') +
              (a.actorRole ? ` · ${label('role', a.actorRole)}` : ''),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 160,
            render: (s: string) => <code>{s}</code>,
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 120,
            render: (_: unknown, a: AuditItem) =>
              a.entityType === 'case' && a.entityId ? (
                <a href={`#/cases/${a.entityId}`}>case #{a.entityId}</a>
              ) : (
                `${a.entityType}${a.entityId ? ` #${a.entityId}` : ''}`
              ),
          },
          {
            title: t('audit.reason'),
            dataIndex: 'reason',
            width: 160,
            render: (r: string | null) => r ?? '',
          },
          {
            title: t('audit.change'),
            key: 'change',
            render: (_: unknown, a: AuditItem) => (
              <Typography.Text
                type="secondary"
                style={{ fontSize: 12, fontFamily: 'monospace' }}
                ellipsis={{ tooltip: `${brief(a.before)} → ${brief(a.after)}` }}
              >
                {brief(a.before)} → {brief(a.after)}
              </Typography.Text>
            ),
          },
        ]}
      />
      {more && (
        <Button onClick={() => void load(items[items.length - 1]?.id)} loading={busy}>
          {t('common.more')}
        </Button>
      )}
    </Space>
  );
}
