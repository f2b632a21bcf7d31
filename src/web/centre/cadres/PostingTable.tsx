import { Table } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Pairing, Posting } from './types.js';

/** 驻村第一书记 in post today in villages of a region (GET /cadres/first-secretaries). */
export function FirstSecretaries({ within, onOpen }: { within?: string; onOpen: (id: number) => void }) {
  const { t } = useLang();
  const res = useLoad(
    () => ok(api.GET('/api/v1/cadres/first-secretaries', { params: { query: { within, limit: 500 } } })),
    [within],
  );
  return (
    <Table<Posting>
      rowKey="id"
      size="small"
      loading={res.loading}
      dataSource={res.data?.items}
      data-testid="cadres-first-secretaries"
      onRow={(p) => ({ onClick: () => onOpen(p.cadreId), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('cadres.name'), dataIndex: 'cadreName', width: 110 },
        { title: t('cadres.village'), dataIndex: 'villageName' },
        { title: t('cadres.sendingUnit'), dataIndex: 'sendingUnit' },
        {
          title: t('cadres.unitKind'),
          dataIndex: 'unitKind',
          width: 100,
          render: (k: Posting['unitKind']) => t(`cadres.kind.${k}`),
        },
        { title: t('cadres.startedOn'), dataIndex: 'startedOn', width: 110 },
      ]}
    />
  );
}

/** 导师帮带: mentors paired with new secretaries of a region (GET /cadres/mentors). */
export function Mentors({ within, onOpen }: { within?: string; onOpen: (id: number) => void }) {
  const { t } = useLang();
  const res = useLoad(
    () => ok(api.GET('/api/v1/cadres/mentors', { params: { query: { within } } })),
    [within],
  );
  return (
    <Table<Pairing>
      rowKey="id"
      size="small"
      loading={res.loading}
      dataSource={res.data?.items}
      data-testid="cadres-mentors"
      onRow={(p) => ({ onClick: () => onOpen(p.menteeId), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('cadres.mentor'), dataIndex: 'mentorName', width: 120 },
        { title: t('cadres.mentee'), dataIndex: 'menteeName', width: 120 },
        { title: t('cadres.region'), dataIndex: 'menteeRegionName' },
        { title: t('cadres.startedOn'), dataIndex: 'startedOn', width: 110 },
        {
          title: t('cadres.endedOn'),
          dataIndex: 'endedOn',
          width: 110,
          render: (d: string | null) => d ?? '—',
        },
      ]}
    />
  );
}
