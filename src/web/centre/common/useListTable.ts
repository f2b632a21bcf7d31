import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import { sortOf } from './ListToolbar.js';

/**
 * The Table of a paged server list: a column sorter hands the server's `sort` to `onSort` and takes
 * the list back to page 1 (a list the server does not sort passes no `onSort`); pages of `pageSize`
 * with the exact total; each row carrying the test id `rowTestId(row)`. Rows that open a record go to
 * `href(row)` or call `onRowClick(row)` (a drawer) and get the `wg-clickable-rows` class; without
 * either, rows are not clickable. When `filter` changes (compared as JSON: the list's filters, its
 * search, a region handed in through the URL), the list goes back to page 1 too.
 */
export function useListTable<T extends { id: number }>(p: {
  list: { data?: { items: T[]; total: number }; loading: boolean };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onSort?: (sort: string | undefined) => void;
  href?: (row: T) => string;
  onRowClick?: (row: T) => void;
  rowTestId?: (row: T) => string;
  filter?: unknown;
}): TableProps<T> {
  const { t } = useLang();
  // adjusting state while rendering (React's own pattern): the list's load never sees the old page
  const filter = JSON.stringify(p.filter ?? null);
  const [shown, setShown] = useState(filter);
  if (shown !== filter) {
    setShown(filter);
    if (p.page !== 1) p.onPage(1);
  }
  const { href, onRowClick, rowTestId, onSort } = p;
  const click = href ? (row: T) => navigate(href(row)) : onRowClick;
  return {
    ...(click ? { className: 'wg-clickable-rows' } : {}),
    rowKey: 'id',
    size: 'small',
    loading: p.list.loading,
    dataSource: p.list.data?.items ?? [],
    // antd calls onChange on a page change too (action 'paginate'): only a sort resets the page
    onChange: (_p, _f, sorter, extra) => {
      if (extra.action !== 'sort' || !onSort) return;
      onSort(sortOf(sorter));
      if (p.page !== 1) p.onPage(1);
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
