import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { useMe } from '../session.js';
import type { RegionChild } from '../types.js';

type Node = { id: string; pId?: string; value: string; title: string; isLeaf: boolean };

const toNode = (
  r: Pick<RegionChild, 'code' | 'name' | 'level' | 'childCount' | 'parentCode'>,
  root = false,
): Node => ({
  id: r.code,
  pId: root ? undefined : (r.parentCode ?? undefined),
  value: r.code,
  title: r.name,
  isLeaf: r.level === 'grid' || r.childCount === 0,
});

/**
 * A region inside the caller's scope, loaded lazily from GET /regions/{code}
 * and /regions/{code}/children (starting at the scope). Empty = the whole scope.
 */
export function RegionPicker({
  value,
  onChange,
  width = 220,
  testId = 'region-picker',
}: {
  value?: string;
  onChange: (code: string | undefined) => void;
  width?: number;
  testId?: string;
}) {
  const me = useMe();
  const { t } = useLang();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    void ok(api.GET('/api/v1/regions/{code}', { params: { path: { code: me.scope.code } } })).then(
      (r) => setNodes([toNode(r, true)]),
      () => undefined,
    );
  }, [me.scope.code]);

  // a value from the URL that is not loaded yet: fetch its name
  useEffect(() => {
    if (!value || nodes.some((n) => n.id === value)) return;
    void ok(api.GET('/api/v1/regions/{code}', { params: { path: { code: value } } })).then(
      (r) => setNodes((ns) => (ns.some((n) => n.id === r.code) ? ns : [...ns, toNode(r)])),
      () => undefined,
    );
  }, [value, nodes]);

  async function loadData(node: { value?: unknown }) {
    const code = String(node.value);
    if (nodes.some((n) => n.pId === code)) return;
    const r = await ok(api.GET('/api/v1/regions/{code}/children', { params: { path: { code } } }));
    setNodes((ns) => [
      ...ns,
      ...r.items.filter((c) => !ns.some((n) => n.id === c.code)).map((c) => toNode(c)),
    ]);
  }

  return (
    <TreeSelect
      style={{ width }}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('common.regionPick')}
      aria-label={t('common.regionPick')}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value}
      onChange={(v) => onChange((v as string | undefined) || undefined)}
      data-testid={testId}
    />
  );
}
