import { Image, Space, Table } from 'antd';
import type { paths } from '../../shared/api-schema.js';
import { sortable, sortOf } from '../common/ListToolbar.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';

export type Visit =
  paths['/api/v1/visits']['get']['responses'][200]['content']['application/json']['items'][number];
export type VisitSort = NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>['sort'];

/** The server sort of the visit list, when the table sorts by its columns (the visits page). */
type Sorting = { sort: VisitSort | undefined; onSort: (s: VisitSort | undefined) => void };

/** Visits as a table: when, where, who, how it went, needs, notes, photos, the case it led to. */
export function VisitTable({
  items,
  loading,
  showAddress = true,
  pagination = false,
  sorting,
}: {
  items: Visit[];
  loading: boolean;
  showAddress?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (p: number) => void };
  sorting?: Sorting;
}) {
  const { t, label } = useLang();
  // a column sorts by the server's key when the table is given a sorting, not otherwise
  const by = (key: NonNullable<VisitSort>) => (sorting ? sortable(sorting.sort, key) : {});
  return (
    <Table<Visit>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={
        pagination
          ? { ...pagination, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }
          : false
      }
      scroll={{ x: 900 }}
      data-testid="visit-table"
      onChange={(_p, _f, sorter, extra) =>
        extra.action === 'sort' && sorting?.onSort(sortOf(sorter) as VisitSort | undefined)
      }
      columns={[
        {
          title: t('visits.visitedAt'),
          dataIndex: 'visitedAt',
          width: 140,
          ...by('visitedAt'),
          render: (d: string) => fmtTime(d),
        },
        ...(showAddress
          ? [
              { title: t('visits.address'), dataIndex: 'address', ...by('address') },
              { title: t('visits.grid'), dataIndex: 'gridName', width: 160, ...by('grid') },
            ]
          : []),
        { title: t('visits.worker'), dataIndex: 'workerName', width: 160, ...by('worker') },
        {
          title: t('visits.kindCol'),
          dataIndex: 'kind',
          width: 90,
          ...by('kind'),
          render: (k: string) => label('visits.kind', k),
        },
        {
          title: t('visits.outcomeCol'),
          dataIndex: 'outcome',
          width: 120,
          ...by('outcome'),
          render: (o: string) => label('visits.outcome', o),
        },
        {
          title: t('visits.needsCol'),
          dataIndex: 'needs',
          width: 140,
          render: (n: string[]) => n.map((x) => label('visits.need', x)).join('、'),
        },
        { title: t('visits.notes'), dataIndex: 'notes', ellipsis: true },
        {
          title: t('visits.photos'),
          dataIndex: 'photos',
          width: 120,
          render: (ps: Visit['photos']) => (
            <Space size={4}>
              {ps.map((p) => (
                <Image key={p.id} width={36} height={36} src={p.thumbUrl} preview={{ src: p.url }} />
              ))}
            </Space>
          ),
        },
        {
          title: t('visits.case'),
          dataIndex: 'caseNumber',
          width: 150,
          render: (n: string | null, v: Visit) =>
            n && v.caseId ? <a onClick={() => navigate(`/cases/${v.caseId}`)}>{n}</a> : '',
        },
      ]}
    />
  );
}
