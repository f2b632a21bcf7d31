import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

type Option = { value: number; label: string };

/** Options loaded for `key` (reloaded when it changes), searched on the server by `q`. */
function useOptions(key: string | undefined, load: (q: string | undefined) => Promise<Option[]>) {
  const [q, setQ] = useState<string>();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!key) return setOptions([]);
    let live = true;
    setLoading(true);
    load(q)
      .then(
        (o) => live && setOptions(o),
        () => live && setOptions([]),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, q]);
  return { options, loading, setQ };
}

/** An active department at exactly `scopeCode` (GET /admin/departments), with search. */
export function DepartmentSelect({
  scopeCode,
  value,
  onChange,
}: {
  scopeCode: string | undefined;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  const { t } = useLang();
  const { options, loading, setQ } = useOptions(scopeCode, (q) =>
    ok(
      api.GET('/api/v1/admin/departments', {
        params: { query: { within: scopeCode, active: 'true', ...(q ? { q } : {}) } },
      }),
    ).then((r) =>
      r.items
        .filter((d) => d.regionCode === scopeCode)
        .map((d) => ({ value: d.id, label: `${d.name} (${d.code})` })),
    ),
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim() || undefined) }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      options={options}
      loading={loading}
      placeholder={t('acc.departmentHint')}
      aria-label={t('acc.departmentHint')}
      data-testid="account-department"
    />
  );
}

/** A roster record of the grid `gridCode` (GET /workers), with search by name. */
export function WorkerSelect({
  gridCode,
  value,
  onChange,
}: {
  gridCode: string | undefined;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  const { t } = useLang();
  const { options, loading, setQ } = useOptions(gridCode, (q) =>
    ok(
      api.GET('/api/v1/workers', {
        params: { query: { within: gridCode, limit: 200, ...(q ? { q } : {}) } },
      }),
    ).then((r) =>
      r.items
        .filter((w) => w.gridCode === gridCode && w.active)
        .map((w) => ({
          value: w.id,
          label: `${w.name} · ${t(w.employment === 'fullTime' ? 'acc.employment.fullTime' : 'acc.employment.partTime')}${w.hasAccount ? ' ✓' : ''}`,
        })),
    ),
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim() || undefined) }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      options={options}
      loading={loading}
      placeholder={t('acc.workerHint')}
      aria-label={t('acc.workerHint')}
      data-testid="account-worker"
    />
  );
}
