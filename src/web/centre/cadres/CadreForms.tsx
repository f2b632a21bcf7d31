import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

const KINDS = ['party_government', 'economic', 'technology', 'legal'] as const;

/** 选派第一书记: send the cadre to a village of my scope (POST /cadres/{id}/first-secretary). */
export function SendFirstSecretary({ id, onDone }: { id: number; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    villageCode: string;
    sendingUnit: string;
    unitKind: string;
    startedOn: Dayjs;
  }>();
  async function submit() {
    const v = await form.validateFields();
    try {
      await ok(
        api.POST('/api/v1/cadres/{id}/first-secretary', {
          params: { path: { id } },
          body: {
            ...v,
            unitKind: v.unitKind as (typeof KINDS)[number],
            startedOn: v.startedOn.format('YYYY-MM-DD'),
          },
        }),
      );
      void message.success(t('cadres.saved'));
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Form form={form} layout="inline" initialValues={{ unitKind: 'party_government', startedOn: dayjs() }}>
      <Form.Item name="villageCode" rules={[{ required: true, len: 12, message: t('cadres.village') }]}>
        <RegionPicker
          onChange={(c) => form.setFieldValue('villageCode', c)}
          width={200}
          testId="cadre-post-village"
        />
      </Form.Item>
      <Form.Item name="sendingUnit" rules={[{ required: true, max: 100 }]}>
        <Input placeholder={t('cadres.sendingUnit')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="unitKind">
        <Select
          style={{ width: 100 }}
          options={KINDS.map((k) => ({ value: k, label: t(`cadres.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="startedOn" rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Button onClick={submit}>{t('cadres.send')}</Button>
    </Form>
  );
}

/** 结束驻村 (POST /cadres/first-secretaries/{id}/end), today unless another date is picked. */
export function EndPosting({ postingId, onDone }: { postingId: number; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [on, setOn] = useState<Dayjs | null>(dayjs());
  async function end() {
    if (!on) return;
    try {
      await ok(
        api.POST('/api/v1/cadres/first-secretaries/{id}/end', {
          params: { path: { id: postingId } },
          body: { endedOn: on.format('YYYY-MM-DD') },
        }),
      );
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Space size={4}>
      <DatePicker size="small" value={on} onChange={setOn} />
      <Button size="small" onClick={end}>
        {t('cadres.endPosting')}
      </Button>
    </Space>
  );
}

/** 结对帮带: pair this new secretary with a mentor found by name (POST /cadres/mentors). */
export function PairMentor({ menteeId, onDone }: { menteeId: number; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [mentorId, setMentorId] = useState<number>();
  async function search(q: string) {
    if (!q.trim()) return;
    const r = await ok(
      api.GET('/api/v1/cadres', { params: { query: { q: q.trim(), kind: 'committee', limit: 20 } } }),
    );
    setOptions(
      r.items
        .filter((c) => c.id !== menteeId)
        .map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` })),
    );
  }
  async function pair() {
    if (!mentorId) return;
    try {
      await ok(
        api.POST('/api/v1/cadres/mentors', {
          body: { mentorId, menteeId, startedOn: dayjs().format('YYYY-MM-DD') },
        }),
      );
      void message.success(t('cadres.saved'));
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Space>
      <Select
        showSearch
        filterOption={false}
        onSearch={(q) => void search(q)}
        options={options}
        value={mentorId}
        onChange={setMentorId}
        placeholder={t('cadres.mentor')}
        style={{ width: 220 }}
      />
      <Button onClick={pair} disabled={!mentorId}>
        {t('cadres.pair')}
      </Button>
    </Space>
  );
}
