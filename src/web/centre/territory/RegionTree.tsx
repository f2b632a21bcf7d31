import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { ok } from '../load.js';
import type { RegionChild } from '../types.js';

type Node = { code: string; name: string; leaf: boolean; count: number; children?: string[] };

/** The region tree from `root` down, children loaded on expand (GET /regions/{code}/children). */
export function RegionTree({
  root,
  selected,
  onSelect,
}: {
  root: string;
  selected: string;
  onSelect: (code: string) => void;
}) {
  const [nodes, setNodes] = useState<Record<string, Node>>({});
  const [expanded, setExpanded] = useState<string[]>([root]);

  const addChildren = (code: string, items: RegionChild[]) =>
    setNodes((ns) => {
      const next = { ...ns };
      for (const c of items)
        next[c.code] = {
          code: c.code,
          name: c.name,
          leaf: c.level === 'grid' || c.childCount === 0,
          count: c.childCount,
        };
      if (next[code]) next[code] = { ...next[code], children: items.map((c) => c.code) };
      return next;
    });

  useEffect(() => {
    void (async () => {
      const r = await ok(api.GET('/api/v1/regions/{code}', { params: { path: { code: root } } }));
      setNodes({
        [r.code]: {
          code: r.code,
          name: r.name,
          leaf: r.childCount === 0 || r.level === 'grid',
          count: r.childCount,
        },
      });
      const kids = await ok(api.GET('/api/v1/regions/{code}/children', { params: { path: { code: root } } }));
      addChildren(root, kids.items);
    })().catch(() => undefined);
  }, [root]);

  async function loadData(node: DataNode) {
    const code = String(node.key);
    if (nodes[code]?.children) return;
    const kids = await ok(api.GET('/api/v1/regions/{code}/children', { params: { path: { code } } }));
    addChildren(code, kids.items);
  }

  const build = (code: string): DataNode => {
    const n = nodes[code]!;
    return {
      key: code,
      title: (
        <span data-testid={`region-${code}`}>
          {n.name}
          {!n.leaf && n.count > 0 && <span style={{ color: '#595959', fontSize: 12 }}> ({n.count})</span>}
        </span>
      ),
      isLeaf: n.leaf,
      children: n.children?.filter((c) => nodes[c]).map(build),
    };
  };

  if (!nodes[root]) return null;
  return (
    <Tree
      treeData={[build(root)]}
      loadData={loadData}
      selectedKeys={[selected]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      blockNode
      data-testid="region-tree"
    />
  );
}
