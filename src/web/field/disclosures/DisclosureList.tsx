import { useState } from 'react';
import { Button } from 'antd-mobile';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { useLive } from '../messages/live.js';
import { ok, timeout } from '../net.js';
import { go } from '../router.js';
import { useFetch } from '../useFetch.js';
import { Choice } from '../Choice.js';
import type { Me } from '../types.js';
import { BackButton, ListState, LoadMore } from '../ListBits.js';
import { KINDS, kindText, periodText, type DisclosureItem, type Kind } from './bits.js';

const PAGE = 30;
/** The tab survives a visit to a detail and back. */
const TAB_KEY = 'wangge.field.disclosures.tab';
const savedTab = (): Kind => {
  const v = sessionStorage.getItem(TAB_KEY);
  return KINDS.includes(v as Kind) ? (v as Kind) : 'party';
};

/** 党务 / 村务 / 财务: what the village has posted, newest first. */
export function DisclosureList({ me }: { me: Me }) {
  const [kind, setKind] = useState<Kind>(savedTab);
  const [limit, setLimit] = useState(PAGE);
  const { tick } = useLive();
  const list = useFetch(
    `${me.username}.disclosures.${kind}`,
    () =>
      ok(
        api.GET('/api/v1/disclosures', {
          params: { query: { kind, limit, status: 'published' } },
          signal: timeout(20_000),
        }),
      ).then((r) => r.items),
    [kind, limit, tick],
  );
  const items = list.data ?? [];

  return (
    <div className="page" data-testid="disclosures-screen">
      <div className="page-title">
        <BackButton to="/" />
        <h1 className="grow">{t('disclosuresTitle')}</h1>
        <Button
          size="small"
          fill="outline"
          onClick={() => void list.reload()}
          loading={list.loading}
          data-testid="refresh"
        >
          <ReloadOutlined /> {t('refresh')}
        </Button>
      </div>
      <div className="muted" style={{ margin: '0 4px 12px', fontSize: 16 }}>
        {t('disclosuresIntro')}
      </div>
      <Choice
        label={t('filterLabel')}
        style={{ marginBottom: 12, fontSize: 19 }}
        value={kind}
        onChange={(v) => {
          setKind(v as Kind);
          sessionStorage.setItem(TAB_KEY, String(v));
          setLimit(PAGE);
        }}
        options={KINDS.map((k) => ({
          label: <span data-testid={`disclosures-tab-${k}`}>{kindText(k)}</span>,
          value: k,
        }))}
      />
      <ListState list={list} empty={!items.length} emptyText={t('disclosuresNone')} />
      <div data-testid="disclosures-list">
        {items.map((d) => (
          <Item key={d.id} d={d} />
        ))}
      </div>
      <LoadMore shown={items.length} limit={limit} onMore={() => setLimit(limit + PAGE)} />
    </div>
  );
}

function Item({ d }: { d: DisclosureItem }) {
  return (
    <button
      type="button"
      className="case-item"
      onClick={() => go(`/disclosures/${d.id}`)}
      data-testid={`disclosure-${d.id}`}
    >
      <div className="row">
        <span className="title grow">{d.title}</span>
        {!d.readByMe && <span className="state">{t('disclosuresNew')}</span>}
      </div>
      <div className="row" style={{ margin: '6px 0' }}>
        <span className={d.major ? 'state' : 'state closed'}>{periodText(d.period)}</span>
        <span className="muted grow" style={{ textAlign: 'right' }}>
          {when(d.publishedAt)}
        </span>
      </div>
      <div className="muted">
        {t('disclosuresReadCount', { n: d.readCount })}
        {d.questionCount > 0 && ` · ${t('disclosuresQuestionCount', { n: d.questionCount })}`}
      </div>
    </button>
  );
}
