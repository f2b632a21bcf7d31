import { Image, Space, Table, type TableProps } from 'antd';
import type { paths } from '../../shared/api-schema.js';
import { sortable } from '../common/ListToolbar.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';

export type Visit =
  paths['/api/v1/visits']['get']['responses'][200]['content']['application/json']['items'][number];
export type VisitSort = NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>['sort'];

/**
 * Visits as a table: when, where, who, how it went, needs, notes, photos, the case it led to. `table`
 * is the Table's data and behaviour (the visits page's paged server list from useListTable, or a
 * household's visits); the columns sort by the server's keys when `sort` is given.
 */
export function VisitTable({
  table,
  sort,
  showAddress = true,
}: {
  table: TableProps<Visit>;
  sort?: { current: VisitSort | undefined };
  showAddress?: boolean;
}) {
  const { t, label } = useLang();
  const by = (key: NonNullable<VisitSort>) => (sort ? sortable(sort.current, key) : {});
  return (
    <Table<Visit>
      rowKey="id"
      size="small"
      {...table}
      scroll={{ x: 900 }}
      data-testid="visit-table"
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
