import { App, Button, Drawer, Input, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { MatterDetail } from './MatterDetail.js';

type Matter =
  paths['/api/v1/major-matters']['get']['responses'][200]['content']['application/json']['items'][number];

/** 四议两公开: the major matters of my scope; the village's staff propose and take them through. */
export function MattersTab({ route }: { route: Route }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [title, setTitle] = useState('');
  const [proposal, setProposal] = useState('');
  const openId = Number(route.path[2]) || null;
  const list = useLoad(
    () => ok(api.GET('/api/v1/major-matters', { params: { query: { limit: 100 } } })),
    [tick],
  );
  const propose = async () => {
    try {
      const made = await ok(
        api.POST('/api/v1/major-matters', { body: { title: title.trim(), proposal: proposal.trim() } }),
      );
      setTitle('');
      setProposal('');
      setTick((n) => n + 1);
      navigate(`/meetings/matters/${made.id}`);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('meetings.decide') && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            style={{ width: 240 }}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('mm.title')}
            data-testid="matter-title"
            maxLength={60}
          />
          <Input
            value={proposal}
            onChange={(e) => setProposal(e.target.value)}
            placeholder={t('mm.proposal')}
            data-testid="matter-proposal"
            maxLength={2000}
          />
          <Button
            type="primary"
            disabled={title.trim().length < 2 || proposal.trim().length < 2}
            onClick={() => void propose()}
            data-testid="matter-propose"
          >
            {t('mm.propose')}
          </Button>
        </Space.Compact>
      )}
      <Table<Matter>
        className="wg-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(m) =>
          ({
            onClick: () => navigate(`/meetings/matters/${m.id}`),
            'data-testid': `matter-row-${m.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('mm.title'), dataIndex: 'title' },
          { title: t('mm.village'), dataIndex: 'villageName', width: 160 },
          {
            title: t('mm.state'),
            dataIndex: 'state',
            width: 160,
            render: (s: string) => (
              <Tag color={s === 'result_published' ? 'green' : s === 'rejected' ? 'red' : 'blue'}>
                {label('mm.state', s)}
              </Tag>
            ),
          },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => navigate('/meetings/matters')}
        size={720}
        title={t('mm.title')}
      >
        {openId !== null && <MatterDetail id={openId} onChanged={() => setTick((n) => n + 1)} />}
      </Drawer>
    </Space>
  );
}
