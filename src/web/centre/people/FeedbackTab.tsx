import { useState } from 'react';
import { App, Button, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';

/** 意见建议 about the platform: anyone writes and sees their own; the county centre reads all and answers. */
export function FeedbackTab() {
  const { t } = useLang();
  const { message } = App.useApp();
  const { can } = useSession();
  const county = can('feedback.answer');
  const [kind, setKind] = useState<'complaint' | 'suggestion'>('suggestion');
  const [body, setBody] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const list = useLoad(
    () => ok(api.GET('/api/v1/feedback', { params: { query: { all: county ? 'true' : 'false' } } })),
    [county],
  );

  async function send() {
    try {
      await ok(api.POST('/api/v1/feedback', { body: { kind, body: body.trim() } }));
      setBody('');
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  async function answer(id: number) {
    try {
      await ok(
        api.POST('/api/v1/feedback/{id}/answer', {
          params: { path: { id } },
          body: { answer: answers[id] ?? '' },
        }),
      );
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <div data-testid="feedback">
      <Typography.Paragraph type="secondary">{t('reg.feedbackHint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          options={[
            { value: 'suggestion', label: t('reg.fb_suggestion') },
            { value: 'complaint', label: t('reg.fb_complaint') },
          ]}
        />
        <Input
          placeholder={t('reg.fbBody')}
          value={body}
          maxLength={2000}
          onChange={(e) => setBody(e.target.value)}
          data-testid="fb-body"
        />
        <Button
          type="primary"
          disabled={body.trim().length < 4}
          onClick={() => void send()}
          data-testid="fb-send"
        >
          {t('reg.fbSend')}
        </Button>
      </Space.Compact>
      <Typography.Title level={5}>{county ? t('reg.fbAll') : t('reg.fbMine')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: '',
            dataIndex: 'kind',
            render: (k: string) => (
              <Tag>{t(k === 'complaint' ? 'reg.fb_complaint' : 'reg.fb_suggestion')}</Tag>
            ),
          },
          { title: t('reg.fbBody'), dataIndex: 'body' },
          { title: t('reg.issuedAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
          {
            title: t('reg.fbAnswer'),
            key: 'answer',
            render: (_: unknown, r) =>
              r.answer ??
              (county ? (
                <Space.Compact>
                  <Input
                    size="small"
                    value={answers[r.id] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [r.id]: e.target.value })}
                    data-testid={`fb-answer-${r.id}`}
                  />
                  <Button
                    size="small"
                    onClick={() => void answer(r.id)}
                    data-testid={`fb-answer-send-${r.id}`}
                  >
                    {t('reg.fbSend')}
                  </Button>
                </Space.Compact>
              ) : (
                <Typography.Text type="secondary">{t('reg.fbUnanswered')}</Typography.Text>
              )),
          },
        ]}
      />
    </div>
  );
}
