import { Checkbox, Select } from 'antd';
import type { Key } from '../i18n.js';
import { useLang } from '../lang.js';
import { RegionPicker } from './RegionPicker.js';

type Props<S extends string> = {
  /** the list's name for test ids: `<testId>-region`, `<testId>-<state.param>`, `<testId>-overdue` */
  testId: string;
  /** the region filter; left out, no region picker (e.g. a department's inbox) */
  region?: { value: string | undefined; onChange: (code: string | undefined) => void };
  /** the state (status) filter: its codes, their label prefix and the select's title */
  state: {
    /** the query parameter's name, also the end of the select's test id (`status`, `state`) */
    param: string;
    title: Key;
    /** the label prefix of the codes, e.g. `errands.status` */
    labels: string;
    codes: readonly S[];
    value: S | undefined;
    onChange: (v: S | undefined) => void;
    width: number;
  };
  /** the "overdue only" check box; left out, none */
  overdue?: { value: boolean; onChange: (v: boolean) => void; title: Key };
};

/**
 * The filters a workflow list shows before ListToolbar's search box: the region of the scope, the
 * state and "overdue only" (errands, whistles, wishes). Each change is handed to the list, which
 * goes back to its first page.
 */
export function ListFilterBar<S extends string>({ testId, region, state, overdue }: Props<S>) {
  const { t, label } = useLang();
  return (
    <>
      {region && <RegionPicker value={region.value} onChange={region.onChange} testId={`${testId}-region`} />}
      <Select<S>
        allowClear
        style={{ width: state.width }}
        placeholder={t(state.title)}
        aria-label={t(state.title)}
        value={state.value}
        onChange={(v) => state.onChange(v)}
        options={state.codes.map((v) => ({ value: v, label: label(state.labels, v) }))}
        data-testid={`${testId}-${state.param}`}
      />
      {overdue && (
        <Checkbox
          checked={overdue.value}
          onChange={(e) => overdue.onChange(e.target.checked)}
          data-testid={`${testId}-overdue`}
        >
          {t(overdue.title)}
        </Checkbox>
      )}
    </>
  );
}
