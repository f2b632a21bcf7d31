import { Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import type { Route } from '../router.js';
import { useSession } from '../session.js';

type Query = NonNullable<paths['/api/v1/calls']['get']['parameters']['query']>;
type Call = paths['/api/v1/calls']['get']['responses'][200]['content']['application/json']['items'][number];
const ABOUT = ['case', 'household', 'campaign_target', 'dispute', 'grid'] as const;
const PAGE = 50;
const MOBILE = /^1\d{10}$/;

/**
 * 通话记录: my calls and those of my subtree, newest first or sorted by a column; searched by number
 * or name, exported as filtered; phones masked. The centres may also find a phone's calls, with a
 * reason (a reveal, audited); `?aboutType=case&aboutId=12` for one object's calls.
 */
export function CallLogPage({ route }: { route: Route }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const aboutType = ABOUT.find((a) => a === route.query.get('aboutType'));
  const aboutId = Number(route.query.get('aboutId')) || undefined;
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [byPhone, setByPhone] = useState<{ phone: string; reason: string }>();
  const filter = { aboutType, aboutId, ...search, sort };
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/calls', {
          params: { query: { ...filter, ...byPhone, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [aboutType, aboutId, search.q, search.number, sort, byPhone, page],
  );
  useLive((e) => e.type.startsWith('call.') && !byPhone && res.reload());
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Call>({
    list: res,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    rowTestId: (r) => `call-row-${r.id}`,
  });
  const party = (p: Call['caller']) => (p.phone ? `${p.name} · ${p.phone}` : p.name);
  return (
    <Card title={t('call.log')} size="small">
      <ListToolbar
        testId="calls"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={res.data?.total}
        canExport={can('calls.export')}
        exportHref={exportUrl('/api/v1/calls/export.xlsx', filter)}
      >
        {can('calls.phone_search') && (
          <>
            <Input
              style={{ width: 150 }}
              placeholder={t('call.phone')}
              aria-label={t('call.phone')}
              value={phone}
              maxLength={11}
              onChange={(e) => setPhone(e.target.value.trim())}
              data-testid="calls-phone"
            />
            <Input.Search
              allowClear
              style={{ width: 220 }}
              placeholder={t('call.phoneReason')}
              aria-label={t('call.phoneReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onSearch={() =>
                reset(() =>
                  setByPhone(
                    MOBILE.test(phone) && reason.trim().length >= 4
                      ? { phone, reason: reason.trim() }
                      : undefined,
                  ),
                )
              }
              enterButton={t('call.phoneSearch')}
              data-testid="calls-phone-search"
            />
          </>
        )}
      </ListToolbar>
      {res.error ? <Tag color="red">{errorText(res.error, lang)}</Tag> : null}
      <Table<Call>
        {...table}
        data-testid="call-log"
        columns={[
          {
            title: t('call.started'),
            dataIndex: 'startedAt',
            ...sortable(sort, 'startedAt'),
            render: (v: string) => new Date(v).toLocaleString(),
          },
          { title: t('call.caller'), ...sortable(sort, 'caller'), render: (_, r) => party(r.caller) },
          { title: t('call.callee'), ...sortable(sort, 'callee'), render: (_, r) => party(r.callee) },
          {
            title: t('call.media'),
            dataIndex: 'media',
            ...sortable(sort, 'media'),
            render: (m: string) => t(m === 'video' ? 'call.video' : 'call.voice'),
          },
          {
            title: t('call.outcome'),
            ...sortable(sort, 'outcome'),
            render: (_, r) =>
              r.outcome ? (
                <Tag color={r.outcome === 'completed' ? 'green' : 'orange'}>
                  {label('callOutcome', r.outcome)}
                </Tag>
              ) : (
                <Tag color="blue">{r.state}</Tag>
              ),
          },
          { title: t('call.duration'), dataIndex: 'durationSeconds', ...sortable(sort, 'duration') },
          {
            title: t('call.about'),
            render: (_, r) =>
              r.about ? `${label('callAbout', r.about.type)} ${r.about.id ?? r.about.code ?? ''}` : '',
          },
        ]}
      />
    </Card>
  );
}
