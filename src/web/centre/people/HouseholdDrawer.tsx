import { Descriptions, Drawer, Skeleton, Table, Typography } from 'antd';
import { api } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import type { Resident } from '../types.js';
import { CareTags, residentColumns } from './residentColumns.js';
import { VisitTable } from '../visits/VisitTable.js';
import { InvitationPanel } from './InvitationPanel.js';
import { HistoryPanel } from './HistoryPanel.js';
import { useState } from 'react';

/** A household and its members (GET /households/{id}), masked, and its visits (GET /households/{id}/visits) for who may read them. */
export function HouseholdDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const l = useLang();
  const { can } = useSession();
  const [asOf, setAsOf] = useState<string | undefined>();
  const h = useLoad(
    () =>
      id
        ? ok(api.GET('/api/v1/households/{id}', { params: { path: { id }, query: { asOf } } }))
        : Promise.resolve(undefined),
    [id, asOf],
  );
  const showVisits = can('visits.read');
  const visits = useLoad(
    () =>
      id && showVisits
        ? ok(api.GET('/api/v1/households/{id}/visits', { params: { path: { id }, query: { limit: 50 } } }))
        : Promise.resolve(undefined),
    [id, showVisits],
  );
  const d = h.data;
  return (
    <Drawer
      open={id !== null}
      onClose={() => (setAsOf(undefined), onClose())}
      size={1000}
      title={l.t('people.household')}
      data-testid="household-drawer"
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={l.t('people.address')} span={2}>
              {d.address}
            </Descriptions.Item>
            <Descriptions.Item label={l.t('case.grid')}>{d.gridName}</Descriptions.Item>
            <Descriptions.Item label={l.t('people.members')}>{d.memberCount}</Descriptions.Item>
            <Descriptions.Item label={l.t('people.careTags')}>
              <CareTags tags={d.careTags} l={l} />
            </Descriptions.Item>
            <Descriptions.Item label={l.t('people.lastVisit')}>{fmtTime(d.lastVisitAt)}</Descriptions.Item>
            {visits.data && (
              <Descriptions.Item label={l.t('visits.nextDue')}>
                {visits.data.visitDueAt ? fmtTime(visits.data.visitDueAt) : l.t('visits.never')}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<Resident>
            rowKey="id"
            size="small"
            pagination={false}
            columns={residentColumns(l, can('people.reveal'))}
            dataSource={d.members}
            scroll={{ x: 950 }}
          />
          <HistoryPanel householdId={d.id} asOf={asOf} onAsOf={setAsOf} />
          {can('people.invite') && <InvitationPanel householdId={d.id} />}
          {showVisits && (
            <div data-testid="household-visits">
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {l.t('visits.history')}
              </Typography.Title>
              <VisitTable items={visits.data?.items ?? []} loading={visits.loading} showAddress={false} />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
