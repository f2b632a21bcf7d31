import { Badge, Button, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
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

/** The disclosures the caller may see, newest first (drafts on top for the staff who write them). */
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
  const { within } = props;
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/disclosures', {
          params: { query: { within, kind, status, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, kind, status, page, props.tick],
  );
  const statuses = props.publisher ? STATUSES : STATUSES.filter((s) => s !== 'draft');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
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
      </Space>
      <Table<DisclosureItem>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(d) =>
          ({
            onClick: () => props.onOpen(d.id),
            'data-testid': `disclosure-row-${d.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('disclosures.title'), dataIndex: 'title' },
          {
            title: t('disclosures.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: Kind) => label('disclosures.kind', k),
          },
          {
            title: t('disclosures.period'),
            key: 'period',
            width: 140,
            render: (_: unknown, d: DisclosureItem) =>
              d.major ? <Tag color="volcano">{t('disclosures.majorTag')}</Tag> : periodText(d.period, lang),
          },
          ...(props.publisher
            ? []
            : [{ title: t('disclosures.village'), dataIndex: 'villageName', width: 160 }]),
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
            render: (v: string | null) => fmtTime(v),
          },
          { title: t('disclosures.reads'), dataIndex: 'readCount', width: 70 },
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
