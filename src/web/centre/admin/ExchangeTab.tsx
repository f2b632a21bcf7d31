import { Space } from 'antd';
import { api } from '../../shared/api.js';
import { ok, useLoad } from '../load.js';
import { ExchangeDeadLetters } from './ExchangeDeadLetters.js';
import { ExchangeOpenData } from './ExchangeOpenData.js';
import { ExchangeSubscriptions } from './ExchangeSubscriptions.js';
import { ExchangeSystems } from './ExchangeSystems.js';

/** 系统管理 → 数据交换 (exchange.manage): system accounts, webhook subscribers, dead letters, open data. */
export function ExchangeTab() {
  const systems = useLoad(() => ok(api.GET('/api/v1/exchange/systems')).then((r) => r.items), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ExchangeSystems systems={systems} onChange={systems.reload} />
      <ExchangeSubscriptions systems={systems.data ?? []} />
      <ExchangeDeadLetters />
      <ExchangeOpenData />
    </Space>
  );
}
