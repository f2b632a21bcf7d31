import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Typography } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { ExDeadLetter } from '../types.js';

/** Deliveries that failed every retry, each with a replay button (back in the queue; audited). */
export function ExchangeDeadLetters() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const dead = useLoad(
    () =>
      ok(api.GET('/api/v1/exchange/dead-letters', { params: { query: { limit: 200 } } })).then(
        (r) => r.items,
      ),
    [],
  );

  async function replay(id: number) {
    try {
      await ok(api.POST('/api/v1/exchange/dead-letters/{id}/replay', { params: { path: { id } } }));
      message.success(t('ex.replayed'));
      dead.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Card
      size="small"
      title={t('ex.deadLetters')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={dead.reload} data-testid="ex-dead-reload" />
      }
    >
      <Typography.Paragraph type="secondary">{t('ex.deadHelp')}</Typography.Paragraph>
      <Table<ExDeadLetter>
        rowKey="id"
        size="small"
        loading={dead.loading}
        dataSource={dead.data ?? []}
        pagination={false}
        onRow={(d) => ({ 'data-testid': `ex-dead-row-${d.id}` }) as object}
        columns={[
          { title: t('ex.events'), dataIndex: 'event', width: 160 },
          {
            title: t('ex.subscriber'),
            key: 'sub',
            render: (_: unknown, d: ExDeadLetter) => (
              <>
                {d.systemName}
                <div>
                  <Typography.Text type="secondary">{d.url}</Typography.Text>
                </div>
              </>
            ),
          },
          { title: t('ex.attempts'), dataIndex: 'attempts', width: 90 },
          {
            title: t('ex.lastError'),
            key: 'err',
            render: (_: unknown, d: ExDeadLetter) =>
              [d.lastStatus ? `HTTP ${d.lastStatus}` : null, d.lastError].filter(Boolean).join(' · '),
          },
          { title: t('ex.deadAt'), dataIndex: 'deadAt', width: 150, render: (d: string) => fmtTime(d) },
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_: unknown, d: ExDeadLetter) => (
              <Button size="small" onClick={() => void replay(d.id)} data-testid={`ex-replay-${d.id}`}>
                {t('ex.replay')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
