import { Descriptions, Drawer, Skeleton, Table } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { CareTags } from '../people/residentColumns.js';
import type { PartyMemberDetail } from './types.js';
import { MemberActions } from './MemberActions.js';
import { useSession } from '../session.js';

type Linked = PartyMemberDetail['households'][number];

/** A party member and the households they are linked to (GET /party/members/{id}); the phone is masked. */
export function MemberDrawer({
  id,
  onClose,
  version = 0,
  onChanged = () => {},
}: {
  id: number | null;
  onClose: () => void;
  version?: number;
  onChanged?: () => void;
}) {
  const { can } = useSession();
  const l = useLang();
  const { t } = l;
  const res = useLoad(
    () =>
      id
        ? ok(api.GET('/api/v1/party/members/{id}', { params: { path: { id } } }))
        : Promise.resolve(undefined),
    [id, version],
  );
  const m = res.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={m ? `${t('party.member')} · ${m.name}` : t('party.member')}
      data-testid="party-member-drawer"
    >
      {!m || res.loading ? (
        <Skeleton active />
      ) : (
        <>
          {can('party.manage') && id !== null && <MemberActions id={id} onChanged={onChanged} />}
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('party.name')}>{m.name}</Descriptions.Item>
            <Descriptions.Item label={t('party.gender')}>
              {t(m.gender === 'male' ? 'people.male' : 'people.female')}
            </Descriptions.Item>
            <Descriptions.Item label={t('party.org')}>{m.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('party.grid')}>{m.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('party.joinedOn')}>{m.joinedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('party.phone')}>{m.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ margin: '8px 0' }}>
            {t('party.households')} ({m.households.length})
          </h4>
          <Table<Linked>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.households}
            data-testid="party-member-households"
            columns={[
              { title: t('party.address'), dataIndex: 'address' },
              { title: t('party.grid'), dataIndex: 'gridName', width: 170 },
              { title: t('party.people'), dataIndex: 'memberCount', width: 60 },
              {
                title: t('party.careTags'),
                dataIndex: 'careTags',
                width: 220,
                render: (tags: string[]) => <CareTags tags={tags} l={l} />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
