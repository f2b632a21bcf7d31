import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import { sortOf } from './ListToolbar.js';

/**
 * The Table of a paged server list whose rows open a record (errands, whistles, wishes): rows
 * clickable to `href(row)` with the test id `rowTestId(row)`, the column sorters handed to `onSort`
 * as the server's `sort`, pages of `pageSize` with the exact total.
 */
export function useListTable<T extends { id: number }>(p: {
  list: { data?: { items: T[]; total: number }; loading: boolean };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onSort: (sort: string | undefined) => void;
  href: (row: T) => string;
  rowTestId: (row: T) => string;
}): TableProps<T> {
  const { t } = useLang();
  return {
    className: 'wg-clickable-rows',
    rowKey: 'id',
    size: 'small',
    loading: p.list.loading,
    dataSource: p.list.data?.items ?? [],
    onChange: (_p, _f, sorter) => p.onSort(sortOf(sorter)),
    onRow: (row) =>
      ({
        onClick: () => navigate(p.href(row)),
        'data-testid': p.rowTestId(row),
      }) as HTMLAttributes<HTMLElement>,
    pagination: {
      current: p.page,
      pageSize: p.pageSize,
      total: p.list.data?.total ?? 0,
      showSizeChanger: false,
      onChange: p.onPage,
      showTotal: (n) => t('common.total', { n }),
    },
  };
}
