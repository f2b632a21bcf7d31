import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

type Option = { value: number; label: string };

/**
 * A resident of the caller's scope found by name (GET /residents?name=, masked): the option reads
 * "name · year of birth · No. id"; `within` narrows the search to a region (the station's).
 */
export function ResidentSelect({
  value,
  onChange,
  within,
  testId,
  width = 260,
}: {
  value?: number;
  onChange: (id: number | undefined) => void;
  within?: string;
  testId: string;
  width?: number;
}) {
  const { t } = useLang();
  const [name, setName] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const q = name.trim();
    if (!q) return;
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      ok(api.GET('/api/v1/residents', { params: { query: { name: q, within, limit: 20 } } }))
        .then(
          (r) =>
            live &&
            setOptions(
              r.items
                .filter((x) => x.status === 'present')
                .map((x) => ({
                  value: x.id,
                  label: `${x.name} · ${x.birthYear} · ${t('st.residentNo', { id: String(x.id) })}`,
                })),
            ),
          () => live && setOptions([]),
        )
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [name, within, t]);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setName }}
      allowClear
      style={{ width }}
      placeholder={t('st.residentFind')}
      notFoundContent={name ? t('st.residentNone') : null}
      loading={loading}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={options}
      data-testid={testId}
    />
  );
}
