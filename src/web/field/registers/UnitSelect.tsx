import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import { Field } from './PersonFields.js';

type Unit = { id: number; kind: string; parentId: number | null; name: string };

/** 楼栋/单元/自然屯/村民小组 of a grid (GET /grid-units?gridCode=), a unit under its building; none = not chosen. */
export function UnitSelect({
  gridCode,
  value,
  onChange,
}: {
  gridCode: string;
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    void ok(api.GET('/api/v1/grid-units', { params: { query: { gridCode } } })).then(
      (r) => live && setUnits(r.items),
      () => live && setUnits([]),
    );
    return () => {
      live = false;
    };
  }, [gridCode]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const options = units
    .map((u) => {
      const parent = u.parentId ? byId.get(u.parentId) : undefined;
      return { id: u.id, name: parent ? `${parent.name} · ${u.name}` : u.name };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <Field id="reg-unit" label="regUnit">
      <select
        id="reg-unit"
        className="input"
        data-testid="reg-unit"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{options.length ? t('regUnitNone') : t('regUnitEmpty')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
