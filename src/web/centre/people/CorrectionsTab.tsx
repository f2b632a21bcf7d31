import { useState } from 'react';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Key } from '../i18n.js';

type Status = 'submitted' | 'corrected' | 'rejected' | 'withdrawn';
type Pending = { id: number; action: 'correct' | 'reject'; version: number };

/** 更正申请: the village's queue of residents' correction requests, handled within 15 days. */
export function CorrectionsTab({ onOpenHousehold }: { onOpenHousehold?: (residentId: number) => void }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>('submitted');
  const [pending, setPending] = useState<Pending | null>(null);
  const [answer, setAnswer] = useState('');
  const list = useLoad(() => ok(api.GET('/api/v1/corrections', { params: { query: { status } } })), [status]);

  async function act() {
    if (!pending) return;
    try {
      await ok(
        api.POST('/api/v1/corrections/{id}/actions/{action}', {
          params: { path: { id: pending.id, action: pending.action } },
          body: { ...(answer.trim() ? { answer: answer.trim() } : {}), version: pending.version },
        }),
      );
      void message.success(t('reg.done'));
      setPending(null);
      setAnswer('');
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <div data-testid="corrections">
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={(['submitted', 'corrected', 'rejected', 'withdrawn'] as const).map((s) => ({
          value: s,
          label: t(`reg.corr_${s}` as Key),
        }))}
        style={{ marginBottom: 12 }}
      />
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        onRow={(r) => ({ 'data-testid': `corr-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('reg.resident'),
            dataIndex: 'residentName',
            render: (v: string, r) =>
              onOpenHousehold ? <a onClick={() => onOpenHousehold(r.residentId)}>{v}</a> : v,
          },
          { title: t('reg.fields'), dataIndex: 'fields', render: (f: string[]) => f.join('、') },
          { title: t('reg.detail'), dataIndex: 'detail' },
          {
            title: t('reg.due'),
            dataIndex: 'dueAt',
            render: (v: string, r) => (
              <>
                {fmtTime(v)} {r.overdue && <Tag color="red">{t('reg.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('reg.answer'), dataIndex: 'answer' },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r) =>
              r.status === 'submitted' && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setPending({ id: r.id, action: 'correct', version: r.version })}
                    data-testid={`corr-correct-${r.id}`}
                  >
                    {t('reg.correct')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setPending({ id: r.id, action: 'reject', version: r.version })}
                    data-testid={`corr-reject-${r.id}`}
                  >
                    {t('reg.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!pending}
        title={pending && t(pending.action === 'correct' ? 'reg.correct' : 'reg.reject')}
        onOk={() => void act()}
        onCancel={() => setPending(null)}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t('reg.answerHint')}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          data-testid="corr-answer"
        />
      </Modal>
    </div>
  );
}
