import { App, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { useLifeOrgs } from './LifeTab.js';

type Lesson =
  paths['/api/v1/party-lessons']['get']['responses'][200]['content']['application/json']['items'][number];

/** 党课菜单: the catalogue; a lesson plays its media from the API, is ordered by a branch, and is watched online. */
export function LessonsTab() {
  const { t, label } = useLang();
  const [open, setOpen] = useState<Lesson | null>(null);
  const list = useLoad(() => ok(api.GET('/api/v1/party-lessons', { params: { query: {} } })), []);
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="ol-lessons"
        columns={[
          { title: t('ol.topic'), dataIndex: 'topic' },
          { title: t('ol.speaker'), dataIndex: 'speaker' },
          {
            title: t('ol.format'),
            dataIndex: 'format',
            render: (f: string) => (
              <Tag color={f === 'online' ? 'blue' : 'green'}>{label('ol.format', f)}</Tag>
            ),
          },
          { title: t('ol.length'), dataIndex: 'minutes' },
          {
            title: '',
            render: (_, l) => (
              <Button size="small" data-testid={`ol-lesson-${l.id}`} onClick={() => setOpen(l)}>
                {t('ol.open')}
              </Button>
            ),
          },
        ]}
      />
      {open && <LessonDrawer lesson={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function LessonDrawer({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const src = `/api/v1/party-lessons/${lesson.id}/media`;
  return (
    <Drawer open width={720} title={lesson.topic} onClose={onClose}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('ol.speaker')}>{lesson.speaker}</Descriptions.Item>
          <Descriptions.Item label={t('ol.format')}>{label('ol.format', lesson.format)}</Descriptions.Item>
        </Descriptions>
        <div>{lesson.summary}</div>
        {!lesson.media ? (
          <div>{t('ol.noMedia')}</div>
        ) : lesson.media.kind === 'video' ? (
          <video data-testid="ol-media" src={src} controls style={{ width: '100%' }} />
        ) : (
          <a data-testid="ol-media" href={src} target="_blank" rel="noreferrer">
            {lesson.topic}
          </a>
        )}
        {lesson.format === 'online' && can('lessons.watch') && <WatchButton lessonId={lesson.id} />}
        {can('lessons.order') && <OrderForm lessonId={lesson.id} />}
        {lesson.format === 'online' && can('lessons.follow') && <Watchers lessonId={lesson.id} />}
      </Space>
    </Drawer>
  );
}

/** 云党课: records the time since the lesson was opened (at most ten minutes a report) as watched. */
function WatchButton({ lessonId }: { lessonId: number }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const opened = useRef(Date.now());
  const [done, setDone] = useState(false);
  const record = async () => {
    const seconds = Math.min(600, Math.max(1, Math.round((Date.now() - opened.current) / 1000)));
    try {
      await ok(
        api.POST('/api/v1/party-lessons/{id}/watch', {
          params: { path: { id: lessonId } },
          body: { seconds, positionPct: 100 },
        }),
      );
      opened.current = Date.now();
      setDone(true);
      message.success(t('ol.watched'));
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <Button type="primary" data-testid="ol-watch" onClick={record}>
      {done ? t('ol.watched') : t('ol.watchDone')}
    </Button>
  );
}

function OrderForm({ lessonId }: { lessonId: number }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const orgs = useLifeOrgs();
  const [orgId, setOrgId] = useState<number>();
  const [wish, setWish] = useState('');
  const order = async () => {
    if (!orgId) return;
    try {
      await ok(
        api.POST('/api/v1/lesson-orders', {
          body: { lessonId, orgId, wish, clientRequestId: crypto.randomUUID() },
        }),
      );
      message.success(t('ol.ordered'));
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <Space wrap>
      <Select
        data-testid="ol-order-org"
        style={{ width: 260 }}
        placeholder={t('ol.org')}
        value={orgId}
        onChange={setOrgId}
        options={(orgs.data ?? [])
          .filter((o) => o.kind !== 'grid_group')
          .map((o) => ({ value: o.id, label: o.name }))}
      />
      <Input
        data-testid="ol-order-wish"
        style={{ width: 240 }}
        placeholder={t('ol.wish')}
        value={wish}
        onChange={(e) => setWish(e.target.value)}
      />
      <Button data-testid="ol-order" disabled={!orgId} onClick={order}>
        {t('ol.order')}
      </Button>
    </Space>
  );
}

function Watchers({ lessonId }: { lessonId: number }) {
  const { t } = useLang();
  const list = useLoad(
    () => ok(api.GET('/api/v1/party-lessons/{id}/watchers', { params: { path: { id: lessonId } } })),
    [lessonId],
  );
  return (
    <Table
      size="small"
      title={() => t('ol.watchers')}
      rowKey={(r) => `${r.name}-${r.firstAt}`}
      dataSource={list.data?.items ?? []}
      data-testid="ol-watchers"
      pagination={false}
      columns={[
        { title: t('ol.org'), dataIndex: 'name' },
        { title: t('ol.seconds'), dataIndex: 'seconds' },
        { title: t('ol.furthest'), dataIndex: 'furthestPct' },
        { title: t('ol.lastHeld'), dataIndex: 'lastAt' },
      ]}
    />
  );
}
