import { CallButton } from '../calls/CallButton.js';
import { Button, Descriptions, Drawer, Skeleton, Space, Table, Typography } from 'antd';
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
import { EditHousehold, MoveHousehold } from './HouseholdForms.js';
import { AddMember, EditResident, ResidentEvent } from './ResidentForms.js';

type Form = { kind: 'edit' | 'move' | 'add' } | { kind: 'resident' | 'event'; resident: Resident } | null;

/** A household and its members (GET /households/{id}), masked, and its visits (GET /households/{id}/visits) for who may read them. */
export function HouseholdDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const l = useLang();
  const { can } = useSession();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [form, setForm] = useState<Form>(null);
  const [rev, setRev] = useState(0);
  const canEdit = can('people.edit') && !asOf;
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
  const done = () => (setForm(null), setRev((n) => n + 1), h.reload());
  const columns = residentColumns(l, can('people.reveal'));
  if (canEdit)
    columns.push({
      title: '',
      key: 'edit',
      width: 120,
      fixed: 'right',
      render: (_: unknown, r: Resident) => (
        <Space size={8}>
          <a onClick={() => setForm({ kind: 'resident', resident: r })} data-testid={`resident-edit-${r.id}`}>
            {l.t('regf.editResident')}
          </a>
          <a onClick={() => setForm({ kind: 'event', resident: r })} data-testid={`resident-event-${r.id}`}>
            {l.t('regf.event')}
          </a>
        </Space>
      ),
    });
  return (
    <Drawer
      open={id !== null}
      onClose={() => (setAsOf(undefined), onClose())}
      size={1000}
      title={l.t('people.household')}
      data-testid="household-drawer"
      extra={
        d && (
          <Space>
            <CallButton about={{ type: 'household', id: d.id }} />
            {canEdit && (
              <>
                <Button onClick={() => setForm({ kind: 'add' })} data-testid="hh-add-member">
                  {l.t('regf.addMember')}
                </Button>
                <Button onClick={() => setForm({ kind: 'edit' })} data-testid="hh-edit-open">
                  {l.t('regf.editHousehold')}
                </Button>
                <Button onClick={() => setForm({ kind: 'move' })} data-testid="hh-move-open">
                  {l.t('regf.moveHousehold')}
                </Button>
              </>
            )}
          </Space>
        )
      }
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
            columns={columns}
            dataSource={d.members}
            scroll={{ x: 950 }}
          />
          <HistoryPanel key={rev} householdId={d.id} asOf={asOf} onAsOf={setAsOf} />
          {form?.kind === 'add' && (
            <AddMember open householdId={d.id} onClose={() => setForm(null)} onDone={done} />
          )}
          {form?.kind === 'edit' && (
            <EditHousehold open household={d} onClose={() => setForm(null)} onDone={done} />
          )}
          {form?.kind === 'move' && (
            <MoveHousehold
              open
              household={d}
              onClose={() => setForm(null)}
              onDone={() => (setForm(null), onClose())}
            />
          )}
          {form?.kind === 'resident' && (
            <EditResident open resident={form.resident} onClose={() => setForm(null)} onDone={done} />
          )}
          {form?.kind === 'event' && (
            <ResidentEvent open resident={form.resident} onClose={() => setForm(null)} onDone={done} />
          )}
          {can('people.invite') && <InvitationPanel householdId={d.id} />}
          {showVisits && (
            <div data-testid="household-visits">
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {l.t('visits.history')}
              </Typography.Title>
              <VisitTable
                table={{ dataSource: visits.data?.items ?? [], loading: visits.loading, pagination: false }}
                showAddress={false}
              />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
