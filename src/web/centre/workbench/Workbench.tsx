import { Alert, Badge, Button, Card, Col, Row, Space, Typography } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { CaseTable } from '../cases/CaseTable.js';
import { WARNING_RANK } from '../cases/tags.js';
import { InboxList } from '../layout/InboxList.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { openLink } from '../layout/links.js';
import { useMe } from '../session.js';
import type { CaseItem, InboxItem } from '../types.js';
import { OtherWork } from './OtherWork.js';
import { StateCounts } from './StateCounts.js';

const byUrgency = (a: CaseItem, b: CaseItem) =>
  (WARNING_RANK[a.warning] ?? 9) - (WARNING_RANK[b.warning] ?? 9) ||
  (a.deadlineAt ?? '9').localeCompare(b.deadlineAt ?? '9') ||
  b.id - a.id;

/** 工作台: what waits for me (most urgent first), counts by state, the other work waiting, my inbox. */
export function Workbench() {
  const { t, lang } = useLang();
  const me = useMe();
  const waiting = useLoad(
    () =>
      ok(api.GET('/api/v1/cases', { params: { query: { waiting: 'true', limit: 200 } } })).then((r) =>
        [...r.items].sort(byUrgency),
      ),
    [],
  );
  const inbox = useLoad(() => ok(api.GET('/api/v1/inbox', { params: { query: { limit: 10 } } })), []);
  useLive(() => {
    waiting.reload();
    inbox.reload();
  });

  async function openNote(n: InboxItem) {
    if (!n.readAt) await api.POST('/api/v1/inbox/read', { body: { ids: [n.id] } });
    if (!openLink(n)) inbox.reload();
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('wb.hello', { name: me.displayName })}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12 }}>
          {me.scope.name} · {lang === 'zh' ? me.roleName.zh : me.roleName.en}
        </Typography.Text>
      </Typography.Title>
      <StateCounts />
      <OtherWork />
      <Row gutter={12}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            title={
              <Space>
                {t('wb.waiting')}
                <Badge count={waiting.data?.length ?? 0} overflowCount={199} showZero color="#c8102e" />
              </Space>
            }
            data-testid="wb-waiting"
          >
            {waiting.error !== undefined && <Alert type="error" title={errorText(waiting.error, lang)} />}
            <CaseTable
              items={waiting.data ?? []}
              loading={waiting.loading}
              compact
              empty={t('wb.noWaiting')}
              pagination={{ pageSize: 12, size: 'small', hideOnSinglePage: true }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card
            size="small"
            title={t('wb.inbox')}
            extra={
              <Button
                type="link"
                size="small"
                onClick={() => void api.POST('/api/v1/inbox/read', { body: {} }).then(inbox.reload)}
              >
                {t('inbox.markAll')}
              </Button>
            }
            data-testid="wb-inbox"
          >
            <InboxList
              items={inbox.data?.items ?? []}
              loading={inbox.loading}
              onOpen={(n) => void openNote(n)}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
