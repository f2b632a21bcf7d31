import { Badge, Button, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useSession } from '../session.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import {
  KINDS,
  periodText,
  STATUS_COLORS,
  STATUSES,
  type DisclosureItem,
  type Kind,
  type Status,
} from './bits.js';

const PAGE = 20;
type DisclosureSort = NonNullable<paths['/api/v1/disclosures']['get']['parameters']['query']>['sort'];

/**
 * The disclosures the caller may see, newest first (drafts on top for the staff who write them); the
 * toolbar searches their titles and villages, shows the exact total and exports what is filtered.
 */
export function DisclosureTable(props: {
  within: string | undefined;
  tick: number;
  publisher: boolean;
  onWithin: (code: string | undefined) => void;
  onOpen: (id: number) => void;
  onNew: () => void;
}) {
  const { t, label, lang } = useLang();
  const [kind, setKind] = useState<Kind | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const [sort, setSort] = useState<DisclosureSort | undefined>();
  const { can } = useSession();
  const { within } = props;
  const filter = { within, kind, status, q, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/disclosures', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, kind, status, q, sort, page, props.tick],
  );
  const statuses = props.publisher ? STATUSES : STATUSES.filter((s) => s !== 'draft');
  const table = useListTable<DisclosureItem>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => (setPage(1), setSort(v as DisclosureSort | undefined)),
    onRowClick: (d) => props.onOpen(d.id),
    rowTestId: (d) => `disclosure-row-${d.id}`,
  });
  return (
    <>
      <ListToolbar
        testId="disclosures"
        search={q}
        // the list has no record number: whatever is typed is words of the title or the village
        onSearch={(v) => (setPage(1), setQ(v.q ?? v.number))}
        total={list.data?.total}
        canExport={can('disclosures.export')}
        exportHref={exportUrl('/api/v1/disclosures/export.xlsx', filter)}
      >
        {props.publisher && (
          <Button type="primary" icon={<PlusOutlined />} onClick={props.onNew} data-testid="disclosure-new">
            {t('disclosures.new')}
          </Button>
        )}
        {!props.publisher && (
          <RegionPicker
            value={within}
            onChange={(v) => (setPage(1), props.onWithin(v))}
            testId="disclosures-region"
          />
        )}
        <Select<Kind>
          allowClear
          style={{ width: 140 }}
          placeholder={t('disclosures.filterKind')}
          aria-label={t('disclosures.filterKind')}
          value={kind}
          onChange={(v) => (setPage(1), setKind(v))}
          options={KINDS.map((k) => ({ value: k, label: label('disclosures.kind', k) }))}
          data-testid="disclosures-kind"
        />
        <Select<Status>
          allowClear
          style={{ width: 140 }}
          placeholder={t('disclosures.filterStatus')}
          aria-label={t('disclosures.filterStatus')}
          value={status}
          onChange={(v) => (setPage(1), setStatus(v))}
          options={statuses.map((s) => ({ value: s, label: label('disclosures.status', s) }))}
          data-testid="disclosures-status"
        />
      </ListToolbar>
      <Table<DisclosureItem>
        {...table}
        columns={[
          { title: t('disclosures.title'), dataIndex: 'title', ...sortable(sort, 'title') },
          {
            title: t('disclosures.kind'),
            dataIndex: 'kind',
            width: 90,
            ...sortable(sort, 'kind'),
            render: (k: Kind) => label('disclosures.kind', k),
          },
          {
            title: t('disclosures.period'),
            width: 140,
            ...sortable(sort, 'period'),
            render: (_: unknown, d: DisclosureItem) =>
              d.major ? <Tag color="volcano">{t('disclosures.majorTag')}</Tag> : periodText(d.period, lang),
          },
          ...(props.publisher
            ? []
            : [
                {
                  title: t('disclosures.village'),
                  dataIndex: 'villageName',
                  width: 160,
                  ...sortable(sort, 'village'),
                },
              ]),
          {
            title: t('disclosures.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Status) => (
              <Tag color={STATUS_COLORS[s]} data-testid="disclosure-status" data-status={s}>
                {label('disclosures.status', s)}
              </Tag>
            ),
          },
          {
            title: t('disclosures.publishedAt'),
            dataIndex: 'publishedAt',
            width: 140,
            ...sortable(sort, 'publishedAt'),
            render: (v: string | null) => fmtTime(v),
          },
          {
            title: t('disclosures.reads'),
            dataIndex: 'readCount',
            width: 90,
            ...sortable(sort, 'readCount'),
          },
          {
            title: t('disclosures.questions'),
            key: 'q',
            width: 110,
            render: (_: unknown, d: DisclosureItem) => (
              <Space>
                {d.questionCount}
                {d.unansweredCount > 0 && (
                  <Badge
                    count={t('disclosures.unanswered', { n: d.unansweredCount })}
                    style={{ backgroundColor: '#fa541c' }}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
