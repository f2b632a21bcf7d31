import { Alert, Button, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { DisclosureDetail } from './bits.js';

type Question = DisclosureDetail['questions'][number];

/** Villagers' questions; the village's staff (actions has 'answer') answer the open ones in place. */
export function Questions({ d, onAnswered }: { d: DisclosureDetail; onAnswered: () => void }) {
  const { t } = useLang();
  return (
    <div data-testid="disclosure-questions" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('disclosures.questions')}</Typography.Title>
      <List<Question>
        size="small"
        bordered
        locale={{ emptyText: t('disclosures.noQuestions') }}
        dataSource={d.questions}
        renderItem={(q) => (
          <List.Item data-testid={`question-${q.id}`}>
            <div style={{ width: '100%' }}>
              <div>
                <b>{q.askerName}</b>：{q.question} <span style={{ color: '#888' }}>{fmtTime(q.askedAt)}</span>
              </div>
              {q.answer ? (
                <div style={{ marginTop: 6, padding: 8, background: '#f6ffed', borderRadius: 6 }}>
                  <Tag color="green">{t('disclosures.answered')}</Tag>
                  {q.answer}
                  <div style={{ color: '#888' }}>
                    {q.answeredBy} · {fmtTime(q.answeredAt)}
                  </div>
                </div>
              ) : (
                d.actions.includes('answer') && (
                  <AnswerBox disclosureId={d.id} questionId={q.id} onDone={onAnswered} />
                )
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}

function AnswerBox({
  disclosureId,
  questionId,
  onDone,
}: {
  disclosureId: number;
  questionId: number;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send() {
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/disclosures/{id}/questions/{qid}/answer', {
          params: { path: { id: disclosureId, qid: questionId } },
          body: { answer: text.trim() },
        }),
      );
      onDone();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
      <Input.TextArea
        rows={2}
        maxLength={2000}
        placeholder={t('disclosures.answerPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="answer-text"
      />
      <Button
        type="primary"
        size="small"
        loading={busy}
        disabled={text.trim().length < 2}
        onClick={() => void send()}
        data-testid="answer-send"
      >
        {t('disclosures.answer')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}
