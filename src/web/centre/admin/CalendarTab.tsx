import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { CalendarDay } from '../types.js';

const WEEK_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 工作日历 (GET/PUT /admin/calendar/{year}): a year's holidays and make-up working days, saved as a whole. */
export function CalendarTab() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<CalendarDay['kind']>('holiday');
  const [name, setName] = useState('');

  useEffect(() => {
    setBusy(true);
    setError(null);
    ok(api.GET('/api/v1/admin/calendar/{year}', { params: { path: { year } } }))
      .then(
        (r) => (setDays(r.items), setDirty(false)),
        (e: unknown) => setError(errorText(e, lang)),
      )
      .finally(() => setBusy(false));
  }, [year, lang]);

  const change = (next: CalendarDay[]) => {
    setDays([...next].sort((a, b) => a.date.localeCompare(b.date)));
    setDirty(true);
  };
  function add() {
    if (!date) return;
    const d = date.format('YYYY-MM-DD');
    change([
      ...days.filter((x) => x.date !== d),
      { date: d, kind, name: name.trim() || null, source: 'county' },
    ]);
    setDate(null);
  }
  async function save() {
    setBusy(true);
    try {
      const r = await ok(
        api.PUT('/api/v1/admin/calendar/{year}', {
          params: { path: { year } },
          body: { days: days.map(({ date, kind, name }) => ({ date, kind, name })) },
        }),
      );
      setDays(r.items);
      setDirty(false);
      message.success(t('cal.saved'));
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }
  const weekday = (d: string) =>
    (lang === 'zh' ? WEEK_ZH : WEEK_EN)[new Date(`${d}T12:00:00+08:00`).getUTCDay()];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('cal.help')}</Typography.Text>
      <Space wrap>
        <span>{t('cal.year')}</span>
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          data-testid="cal-year"
        />
        <span style={{ width: 16 }} />
        <DatePicker
          value={date}
          onChange={setDate}
          disabledDate={(d) => d.year() !== year}
          placeholder={t('cal.date')}
          aria-label={t('cal.date')}
        />
        <Select
          value={kind}
          onChange={setKind}
          style={{ width: 110 }}
          options={[
            { value: 'holiday', label: t('cal.holiday') },
            { value: 'workday', label: t('cal.workday') },
          ]}
        />
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('cal.name')}
          maxLength={40}
          style={{ width: 160 }}
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!date}>
          {t('cal.add')}
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={!dirty}
          onClick={() => void save()}
          data-testid="cal-save"
        >
          {t('cal.save')}
        </Button>
        {dirty && <Tag color="orange">{t('cal.dirty')}</Tag>}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={busy}
        dataSource={days}
        pagination={false}
        style={{ maxWidth: 720 }}
        columns={[
          { title: t('cal.date'), dataIndex: 'date', width: 130 },
          {
            title: t('cal.weekday'),
            key: 'wd',
            width: 80,
            render: (_: unknown, d: CalendarDay) => weekday(d.date),
          },
          {
            title: t('cal.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: string) =>
              k === 'holiday' ? (
                <Tag color="red">{t('cal.holiday')}</Tag>
              ) : (
                <Tag color="blue">{t('cal.workday')}</Tag>
              ),
          },
          { title: t('cal.name'), dataIndex: 'name', render: (n: string | null) => n ?? '' },
          {
            title: t('cal.source'),
            dataIndex: 'source',
            width: 110,
            render: (s: CalendarDay['source']) =>
              s === 'county' ? <Tag color="purple">{t('cal.county')}</Tag> : <Tag>{t('cal.national')}</Tag>,
          },
          {
            title: '',
            key: 'rm',
            width: 60,
            render: (_: unknown, d: CalendarDay) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                title={t('cal.remove')}
                onClick={() => change(days.filter((x) => x.date !== d.date))}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
