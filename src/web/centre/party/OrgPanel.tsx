import { Alert, Card, Descriptions, Radio, Skeleton, Space, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { MemberDrawer } from './MemberDrawer.js';
import { OrgActions } from './OrgActions.js';
import { useSession } from '../session.js';
import type { PartyMember, PartyOrg } from './types.js';

const PAGE = 20;

/** One organisation (GET /party/orgs/{id}): where it sits, what is below it, and its members. Keyed by id, so a new one starts afresh. */
export function OrgPanel({
  id,
  onPick,
  version = 0,
  onChanged = () => {},
}: {
  id: number;
  onPick: (org: PartyOrg) => void;
  version?: number;
  onChanged?: () => void;
}) {
  const { can } = useSession();
  const { t, label, lang } = useLang();
  const [scope, setScope] = useState<'direct' | 'all'>('direct');
  const [page, setPage] = useState(1);
  const [member, setMember] = useState<number | null>(null);
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/party/orgs/{id}', {
          params: { path: { id }, query: { members: scope, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [id, scope, page, version],
  );
  const d = res.data;
  if (res.error) return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!d) return <Skeleton active />;
  return (
    <Card
      size="small"
      title={d.name}
      data-testid="party-org-panel"
      extra={can('party.manage') && <OrgActions org={d} onChanged={onChanged} />}
    >
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('party.kind')}>{label('party.kind', d.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('party.region')}>{d.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('party.parent')}>{d.parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('party.children')}>
          {d.children.length === 0 ? t('party.none') : d.children.length}
        </Descriptions.Item>
        <Descriptions.Item label={t('party.membersDirect')}>{d.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('party.membersTotal')}>{d.totalMemberCount}</Descriptions.Item>
      </Descriptions>
      {d.children.length > 0 && (
        <Space wrap size={[4, 4]} style={{ marginBottom: 12 }}>
          {d.children.slice(0, 40).map((c) => (
            <a key={c.id} onClick={() => onPick(c)} data-testid={`party-child-${c.id}`}>
              {c.name} ({c.totalMemberCount})
            </a>
          ))}
          {d.children.length > 40 && <span>… +{d.children.length - 40}</span>}
        </Space>
      )}
      {d.children.length > 0 && (
        <Radio.Group
          value={scope}
          onChange={(e) => (setScope(e.target.value as 'direct' | 'all'), setPage(1))}
          optionType="button"
          size="small"
          style={{ display: 'block', marginBottom: 8 }}
          options={[
            { value: 'direct', label: t('party.showDirect') },
            { value: 'all', label: t('party.showAll') },
          ]}
        />
      )}
      <Table<PartyMember>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={d.members}
        data-testid="party-members"
        onRow={(m) =>
          ({
            onClick: () => setMember(m.id),
            'data-testid': `party-member-${m.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE,
          total: d.membersTotal,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('party.name'), dataIndex: 'name', width: 110 },
          {
            title: t('party.gender'),
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => t(g === 'male' ? 'people.male' : 'people.female'),
          },
          {
            title: t('party.joinedOn'),
            dataIndex: 'joinedOn',
            width: 110,
            render: (d: string | null) => d ?? '—',
          },
          { title: t('party.grid'), dataIndex: 'gridName' },
          ...(scope === 'all' ? [{ title: t('party.org'), dataIndex: 'orgName' }] : []),
          { title: t('party.linked'), dataIndex: 'linkedHouseholds', width: 90 },
        ]}
      />
      <MemberDrawer id={member} onClose={() => setMember(null)} version={version} onChanged={onChanged} />
    </Card>
  );
}
