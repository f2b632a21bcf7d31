import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import { sortOf } from './ListToolbar.js';

/**
 * The Table of a paged server list: the column sorters handed to `onSort` as the server's `sort`,
 * pages of `pageSize` with the exact total, each row carrying the test id `rowTestId(row)`. Rows
 * that open a record go to `href(row)` or call `onRowClick(row)` (a drawer) and get the
 * `wg-clickable-rows` class; without either, rows are not clickable.
 */
export function useListTable<T extends { id: number }>(p: {
  list: { data?: { items: T[]; total: number }; loading: boolean };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onSort: (sort: string | undefined) => void;
  href?: (row: T) => string;
  onRowClick?: (row: T) => void;
  rowTestId?: (row: T) => string;
}): TableProps<T> {
  const { t } = useLang();
  const { href, onRowClick, rowTestId } = p;
  const click = href ? (row: T) => navigate(href(row)) : onRowClick;
  return {
    ...(click ? { className: 'wg-clickable-rows' } : {}),
    rowKey: 'id',
    size: 'small',
    loading: p.list.loading,
    dataSource: p.list.data?.items ?? [],
    // antd calls onChange on a page change too (action 'paginate'): only a sort resets the page
    onChange: (_p, _f, sorter, extra) => {
      if (extra.action === 'sort') p.onSort(sortOf(sorter));
    },
    ...(click || rowTestId
      ? {
          onRow: (row: T) =>
            ({
              ...(click ? { onClick: () => click(row) } : {}),
              ...(rowTestId ? { 'data-testid': rowTestId(row) } : {}),
            }) as HTMLAttributes<HTMLElement>,
        }
      : {}),
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
