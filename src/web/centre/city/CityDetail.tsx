import { App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { CloseCard, ProgressCard } from '../campaigns/parts.js';

type Row =
  paths['/api/v1/city-campaigns/{id}/progress']['get']['responses'][200]['content']['application/json']['items'][number];
type Closed =
  paths['/api/v1/city-campaigns/{id}/actions/close']['post']['responses'][200]['content']['application/json'];

/** The region one level up (village → township → county → the city, shown without `within`). */
const up = (code: string) => (code.length > 6 ? code.slice(0, code.length - 3) : undefined);

/**
 * One city campaign: progress city → county → township → village → grid (counts only: the city
 * sees no names), and closing it (a reason when targets are open; the misses counted by county).
 */
export function CityDetail({ id, within }: { id: number; within?: string }) {
  const { t, label } = useLang();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [closed, setClosed] = useState<Closed>();
  const path = { path: { id } };
  const c = useLoad(() => ok(api.GET('/api/v1/city-campaigns/{id}', { params: path })), [id, tick]);
  const p = useLoad(
    () => ok(api.GET('/api/v1/city-campaigns/{id}/progress', { params: { ...path, query: { within } } })),
    [id, within, tick],
  );
  const close = async (body: { reason?: string }) => {
    const r = await ok(api.POST('/api/v1/city-campaigns/{id}/actions/close', { params: path, body }));
    setClosed(r);
    message.success(t('city.closed', { n: r.counts.missed }));
    setTick((n) => n + 1);
  };
  const d = c.data;
  const names = new Map((d?.byCounty ?? []).map((x) => [x.code, x.name]));
  const missedBy = closed?.byCounty ?? d?.byCounty.map((x) => ({ code: x.code, missed: x.missed })) ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => navigate('/city')}>{t('camp.back')}</Button>
      {d && (
        <Descriptions size="small" bordered column={3} title={d.title} data-testid="city-detail">
          <Descriptions.Item label={t('camp.window')}>{`${d.startsOn} ~ ${d.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('camp.state')}>
            <Tag data-testid="city-state">{label('camp.state', d.state)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('camp.coverage')}>{`${d.counts.coverage}%`}</Descriptions.Item>
          {d.closeReason && (
            <Descriptions.Item label={t('camp.closeReasonShown')} span={3}>
              {d.closeReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <ProgressCard<Row>
        testId="city"
        progress={p}
        onDrill={(r) => navigate(`/city/${id}`, { within: r.code })}
        back={
          within && (
            <Button
              size="small"
              data-testid="city-up"
              onClick={() => navigate(`/city/${id}`, { within: up(within) })}
            >
              {t('camp.back')}
            </Button>
          )
        }
      />
      {d?.state === 'closed' && (
        <Card size="small" title={t('city.missedBy')} data-testid="city-missed">
          {missedBy.map((x) => (
            <Tag key={x.code} color={x.missed ? 'red' : 'green'} data-testid={`city-missed-${x.code}`}>
              {`${names.get(x.code) ?? x.code}：${x.missed}`}
            </Tag>
          ))}
        </Card>
      )}
      {d?.actions.includes('close') && <CloseCard testId="city" onClose={close} />}
    </Space>
  );
}
