import { App, Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

/** 选派帮扶干部: find a cadre of my scope by name (GET /cadres?q=) and assign them (POST /enterprises/{id}/helpers). */
export function AssignHelper({ enterpriseId, onDone }: { enterpriseId: number; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [cadreId, setCadreId] = useState<number>();
  const [on, setOn] = useState<Dayjs | null>(dayjs());
  async function search(q: string) {
    if (!q.trim()) return;
    const r = await ok(api.GET('/api/v1/cadres', { params: { query: { q: q.trim(), limit: 20 } } }));
    setOptions(r.items.map((c) => ({ value: c.id, label: `${c.name}（${c.unit ?? c.regionName}）` })));
  }
  async function assign() {
    if (!cadreId || !on) return;
    try {
      await ok(
        api.POST('/api/v1/enterprises/{id}/helpers', {
          params: { path: { id: enterpriseId } },
          body: { cadreId, startedOn: on.format('YYYY-MM-DD') },
        }),
      );
      void message.success(t('ent.saved'));
      setCadreId(undefined);
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Space wrap>
      <Select
        showSearch
        filterOption={false}
        onSearch={(q) => void search(q)}
        options={options}
        value={cadreId}
        onChange={setCadreId}
        placeholder={t('cadres.search')}
        style={{ width: 240 }}
        data-testid="ent-helper-cadre"
      />
      <DatePicker value={on} onChange={setOn} />
      <Button onClick={assign} disabled={!cadreId} data-testid="ent-helper-assign">
        {t('ent.assign')}
      </Button>
    </Space>
  );
}
