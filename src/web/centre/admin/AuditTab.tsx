import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { AuditItem } from '../types.js';

const PAGE = 50;
type Named = { value: string; zh: string; en: string };

/**
 * The county's audit log (GET /audit), newest first, paged with beforeId: each row a sentence
 * in the screen's language ("张三 于 … 查看了 居民 #12 的身份证号，事由：…"), never a raw code or
 * JSON; filtered by person, object (type and number) and action.
 */
export function AuditTab() {
  const { t, label, lang } = useLang();
  const [actorId, setActorId] = useState<number | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [entityId, setEntityId] = useState('');
  const [items, setItems] = useState<AuditItem[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [people, setPeople] = useState<Array<{ value: number; label: string }>>([]);
  const [actions, setActions] = useState<Named[]>([]);
  const [types, setTypes] = useState<Named[]>([]);

  async function load(beforeId?: number) {
    setBusy(true);
    setError(null);
    try {
      const id = entityId.trim();
      const r = await ok(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              actorId,
              action,
              entityType,
              entityId: /^[0-9A-Za-z_-]+$/.test(id) ? id : undefined,
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
    void ok(api.GET('/api/v1/accounts', { params: { query: { limit: 500 } } })).then(
      (r) => setPeople(r.items.map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` }))),
      () => undefined,
    );
    void ok(api.GET('/api/v1/audit/actions')).then(
      (r) => {
        setActions(r.actions.map((a) => ({ value: a.action, zh: a.zh, en: a.en })));
        setTypes(r.entityTypes.map((e) => ({ value: e.entityType, zh: e.zh, en: e.en })));
      },
      () => undefined,
    );
  }, []);

  const opts = (xs: Named[]) => xs.map((x) => ({ value: x.value, label: x[lang] }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filterActor')}
          aria-label={t('audit.filterActor')}
          options={people}
          value={actorId}
          onChange={setActorId}
          style={{ width: 220 }}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          options={opts(actions)}
          value={action}
          onChange={setAction}
          style={{ width: 240 }}
          data-testid="audit-action"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filterEntity')}
          aria-label={t('audit.filterEntity')}
          options={opts(types)}
          value={entityType}
          onChange={setEntityType}
          style={{ width: 180 }}
        />
        <Input
          placeholder={t('audit.filterEntityId')}
          aria-label={t('audit.filterEntityId')}
          value={entityId}
          onChange={(e) => setEntityId(e.target.value)}
          style={{ width: 140 }}
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
        scroll={{ x: 900 }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (d: string) => fmtTime(d) },
          {
            title: t('audit.what'),
            key: 'sentence',
            render: (_: unknown, a: AuditItem) => (
              <span data-testid="audit-sentence">
                {a.sentence[lang]}
                {a.actorRole && (
                  <Typography.Text type="secondary"> · {label('role', a.actorRole)}</Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 140,
            render: (_: unknown, a: AuditItem) =>
              a.entityType === 'case' && a.entityId ? (
                <a href={`/cases/${a.entityId}`}>
                  {a.entityName[lang]} #{a.entityId}
                </a>
              ) : (
                `${a.entityName[lang]}${a.entityId ? ` #${a.entityId}` : ''}`
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
