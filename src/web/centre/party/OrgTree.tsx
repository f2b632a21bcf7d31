import { Alert, Input, Skeleton, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree/index.js';
import { useMemo, useState, type Key } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { PartyOrg } from './types.js';

const KIND_COLOUR: Record<PartyOrg['kind'], string> = {
  county_committee: 'red',
  township_committee: 'volcano',
  community_committee: 'magenta',
  branch: 'orange',
  grid_branch: 'lime',
  grid_group: 'gold',
};

/** Ids of the orgs whose name contains `q`, with all their ancestors (so the matches stay reachable). */
function visibleFor(orgs: PartyOrg[], q: string): Set<number> | null {
  if (!q) return null;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const keep = new Set<number>();
  for (const o of orgs) {
    if (!o.name.includes(q) && !o.regionName.includes(q)) continue;
    for (
      let cur: PartyOrg | undefined = o;
      cur && !keep.has(cur.id);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId)
    )
      keep.add(cur.id);
  }
  return keep;
}

/**
 * The organisations of my scope (GET /party/orgs, one request: a county has
 * some 1,500) as a tree with member totals; a virtual list keeps it quick.
 */
export function OrgTree({
  selected,
  onSelect,
  version = 0,
}: {
  selected?: number;
  onSelect: (org: PartyOrg) => void;
  version?: number;
}) {
  const { t, label, lang } = useLang();
  const res = useLoad(() => ok(api.GET('/api/v1/party/orgs', {})), [version]);
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const orgs = useMemo(() => res.data?.items ?? [], [res.data]);
  const keep = useMemo(() => visibleFor(orgs, q.trim()), [orgs, q]);

  const treeData = useMemo(() => {
    const nodes = new Map<number, DataNode & { children: DataNode[] }>();
    const roots: DataNode[] = [];
    for (const o of orgs) {
      if (keep && !keep.has(o.id)) continue;
      const node = {
        key: o.id,
        isLeaf: o.childCount === 0,
        children: [],
        title: (
          <span data-testid={`party-org-${o.id}`} data-kind={o.kind}>
            <Tag color={KIND_COLOUR[o.kind]} style={{ marginInlineEnd: 4 }}>
              {label('party.short', o.kind)}
            </Tag>
            {o.name} <span style={{ color: '#595959' }}>({o.totalMemberCount})</span>
          </span>
        ),
      };
      nodes.set(o.id, node);
      const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [orgs, keep, label]);

  if (res.error) return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!res.data) return <Skeleton active />;
  const rootKeys = treeData.map((n) => n.key);
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('party.search')}
        onSearch={setQ}
        onChange={(e) => !e.target.value && setQ('')}
        style={{ marginBottom: 8 }}
        data-testid="party-search"
      />
      <Tree
        blockNode
        height={560}
        treeData={treeData}
        expandedKeys={keep ? [...keep] : (expanded ?? rootKeys)}
        onExpand={(keys) => setExpanded(keys)}
        selectedKeys={selected ? [selected] : []}
        onSelect={(_, info) => {
          const org = orgs.find((o) => o.id === info.node.key);
          if (org) onSelect(org);
        }}
        data-testid="party-tree"
      />
    </>
  );
}
