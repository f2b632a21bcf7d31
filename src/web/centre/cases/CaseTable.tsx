import { Table, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { fmtTime } from '../format.js';
import { sortable, sortOf } from '../common/ListToolbar.js';
import { useCategoryName } from '../common/useCategoryNames.js';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import type { CaseItem } from '../types.js';
import { Deadline, FlagTags, StateTag } from './tags.js';

type Props = {
  items: CaseItem[];
  loading?: boolean;
  /** fewer columns (beside the map, on the workbench) */
  compact?: boolean;
  pagination?: TablePaginationConfig | false;
  onHover?: (id: number | null) => void;
  selectedId?: number | null;
  empty?: string;
  /** columns to leave out (by key) */
  hide?: string[];
  /** the server sort (`key` or `-key`); with onSort the columns sort through the server */
  sort?: string;
  onSort?: (sort: string | undefined) => void;
};

/** Cases: number, category, description, state, deadline + warning, grid … Click a row → detail. */
export function CaseTable({
  items,
  loading,
  compact,
  pagination = false,
  onHover,
  selectedId,
  empty,
  hide = [],
  sort,
  onSort,
}: Props) {
  const { t, label } = useLang();
  const by = (key: string) => (onSort ? sortable(sort, key) : {});
  const catName = useCategoryName();
  const all: ColumnsType<CaseItem> = [
    {
      title: t('case.number'),
      dataIndex: 'number',
      width: 196,
      ...by('number'),
      render: (n: string, c) => (
        <a href={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
          {n}
        </a>
      ),
    },
    {
      title: t('case.category'),
      dataIndex: 'categoryName',
      width: compact ? 96 : 110,
      ...by('category'),
      ellipsis: true,
      render: (n: string, c) => catName(c.categoryCode, n),
    },
    {
      title: t('case.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string, c) => (
        <span title={d}>
          <FlagTags c={c} />
          {d}
        </span>
      ),
    },
    {
      title: t('case.state'),
      dataIndex: 'state',
      width: 84,
      ...by('state'),
      render: (s: string) => <StateTag state={s} />,
    },
    ...(compact
      ? []
      : [{ title: t('case.tier'), dataIndex: 'tier', width: 70, render: (s: string) => label('tier', s) }]),
    {
      title: t('case.deadline'),
      width: compact ? 168 : 300,
      ...(onSort ? sortable(sort, 'deadlineAt') : { key: 'deadline' }),
      render: (_: unknown, c: CaseItem) => <Deadline c={c} inline={!compact} />,
    },
    {
      title: t('case.grid'),
      dataIndex: 'gridName',
      width: compact ? 116 : 130,
      ellipsis: true,
      ...by('grid'),
    },
    ...(compact
      ? []
      : [
          {
            title: t('case.department'),
            dataIndex: 'departmentName',
            width: 150,
            ...by('department'),
            ellipsis: true,
            render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('case.source'),
            dataIndex: 'source',
            width: 80,
            render: (s: string) => label('source', s),
          },
          {
            title: t('case.reportedAt'),
            dataIndex: 'reportedAt',
            width: 140,
            ...by('reportedAt'),
            render: (d: string) => fmtTime(d),
          },
        ]),
  ];
  const columns = all.filter(
    (c) => !hide.includes(String(c.key)) && !hide.includes(String((c as { dataIndex?: string }).dataIndex)),
  );
  const width = columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 220), 0);
  return (
    <Table<CaseItem>
      className="wg-clickable-rows"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      onChange={onSort ? (_p, _f, sorter) => onSort(sortOf(sorter)) : undefined}
      locale={empty ? { emptyText: empty } : undefined}
      scroll={{ x: width }}
      rowClassName={(c) =>
        c.warning === 'overdue' && !c.closedAt
          ? 'wg-row-overdue'
          : c.id === selectedId
            ? 'ant-table-row-selected'
            : ''
      }
      onRow={(c) =>
        ({
          'data-testid': `case-row-${c.number}`,
          onClick: () => navigate(`/cases/${c.id}`),
          onMouseEnter: () => onHover?.(c.id),
          onMouseLeave: () => onHover?.(null),
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
