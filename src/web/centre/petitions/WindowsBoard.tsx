import { Alert, Card, Col, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Board = paths['/api/v1/petition-windows']['get']['responses'][200]['content']['application/json'];
type Win = Board['present'][number];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 信访超市: who sits at the windows on a date, who is on call, and who receives a visitor now. */
export function WindowsBoard() {
  const { t, label, lang } = useLang();
  const [date, setDate] = useState(today);
  const [wanted, setWanted] = useState<number | undefined>();
  const board = useLoad(
    () => ok(api.GET('/api/v1/petition-windows', { params: { query: { date, window: wanted } } })),
    [date, wanted],
  );
  const b = board.data;
  const when = (w: Win) =>
    w.schedule === 'weekly'
      ? t('pet.weekday', { n: w.weekday ?? '' })
      : w.schedule === 'monthly'
        ? t('pet.monthDay', { n: w.monthDay ?? '' })
        : label('pet.schedule', w.schedule);
  const column = (title: string, items: Win[] | undefined, testId: string, color: string) => (
    <Col span={8}>
      <Card size="small" title={`${title}（${items?.length ?? 0}）`} data-testid={testId}>
        <List
          size="small"
          dataSource={items ?? []}
          renderItem={(w) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Space>
                  <Tag color={color}>{when(w)}</Tag>
                  <Typography.Text strong>{w.unitName}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">
                  {w.staffNames.length ? w.staffNames.join('、') : t('pet.noStaff')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Col>
  );
  const all = b ? [...b.present, ...b.onCall, ...b.absent] : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('pet.date')}</span>
        <Input
          type="date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          style={{ width: 170 }}
          data-testid="windows-date"
        />
        <Select<number>
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          placeholder={t('pet.window')}
          value={wanted}
          onChange={setWanted}
          options={all.map((w) => ({ value: w.id, label: w.unitName }))}
        />
      </Space>
      {board.error ? <Alert type="error" title={errorText(board.error, lang)} /> : null}
      {b && (
        <Alert
          type="success"
          data-testid="windows-receiver"
          title={`${t('pet.receiver')}：${b.receiver.names.join('、')}${b.receiver.unitName ? `（${b.receiver.unitName}）` : ''} · ${label('pet.via', b.receiver.via)}${b.receiver.calledWindowId ? ` · ${t('pet.called')}` : ''}${b.holiday ? ` · ${t('pet.holiday', { name: b.holiday })}` : ''}`}
        />
      )}
      <Row gutter={12}>
        {column(t('pet.present'), b?.present, 'windows-present', 'green')}
        {column(t('pet.onCall'), b?.onCall, 'windows-oncall', 'orange')}
        {column(t('pet.absent'), b?.absent, 'windows-absent', 'default')}
      </Row>
    </Space>
  );
}
