import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useLang } from '../lang.js';

/** What the search box holds: a record number (letters of its prefix dropped) or words. */
export type ListSearch = { q?: string; number?: string };
const NUMBER = /^[A-Za-z]{0,4}([0-9-]{3,24})$/;
/** A record number (e.g. XY2026120600001 → 2026120600001) is searched as `number`, anything else as `q`. */
export function searchOf(text: string): ListSearch {
  const v = text.trim();
  if (!v) return {};
  const m = NUMBER.exec(v);
  return m ? { number: m[1] } : { q: v };
}

type QueryValue = string | number | boolean | undefined | null;

/** The URL of a list's export: the list's filters and sort, without paging (the server streams every row). */
export function exportUrl(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '' && k !== 'limit' && k !== 'offset')
      params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** A column's antd sorter driven by the server's `sort` (`key` ascending, `-key` descending). */
export function sortable(sort: string | undefined, key: string) {
  return {
    key,
    sorter: true,
    sortOrder: sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null,
    sortDirections: ['ascend', 'descend'] as Array<'ascend' | 'descend'>,
  };
}

/** The server `sort` of a Table's onChange sorter (undefined when the sort is cleared). */
export function sortOf<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || s.columnKey === undefined) return undefined;
  return s.order === 'descend' ? `-${String(s.columnKey)}` : String(s.columnKey);
}

type Props = {
  /** the list's name for test ids: `<testId>-search`, `<testId>-total`, `<testId>-export` */
  testId: string;
  /** the text the box starts with (the current q or number) */
  search: string | undefined;
  onSearch: (s: ListSearch) => void;
  /** the exact total the server answered for the filter */
  total: number | undefined;
  /** the export's URL (see exportUrl); no button without it or when the caller may not export */
  exportHref?: string;
  canExport: boolean;
  placeholder?: string;
  /** the list's own filters, shown before the search box */
  children?: ReactNode;
  /** buttons after the export (refresh, view switch …) */
  extra?: ReactNode;
};

/**
 * The toolbar of every centre list (issue 11): the list's filters, a keyword search, the exact total
 * of the filter and an Export button downloading what is filtered as Excel. Sorting is done by the
 * table's column sorters (sortable/sortOf) which set the server's `sort`.
 */
export function ListToolbar(p: Props) {
  const { t } = useLang();
  const [text, setText] = useState(p.search ?? '');
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
      <Space wrap>
        {p.children}
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={p.placeholder ?? t('list.search')}
          aria-label={t('list.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => p.onSearch(searchOf(v))}
          data-testid={`${p.testId}-search`}
        />
      </Space>
      <Space>
        <Typography.Text type="secondary" data-testid={`${p.testId}-total`}>
          {p.total === undefined ? '' : t('common.total', { n: p.total })}
        </Typography.Text>
        {p.canExport && p.exportHref && (
          <Button icon={<DownloadOutlined />} href={p.exportHref} data-testid={`${p.testId}-export`}>
            {t('list.export')}
          </Button>
        )}
        {p.extra}
      </Space>
    </Space>
  );
}
