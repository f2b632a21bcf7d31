import { App, Button, DatePicker, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';

/** A date (default today), a reason (2–200 characters) and a button that ends something (a pairing, an assignment). */
export function EndWithReason({
  label,
  onEnd,
  testId,
}: {
  label: string;
  onEnd: (endedOn: string, reason: string) => Promise<unknown>;
  testId: string;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [on, setOn] = useState<Dayjs | null>(dayjs());
  const [reason, setReason] = useState('');
  async function end() {
    if (!on) return;
    try {
      await onEnd(on.format('YYYY-MM-DD'), reason.trim());
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Space size={4} data-testid={testId}>
      <DatePicker size="small" value={on} onChange={setOn} />
      <Input
        size="small"
        style={{ width: 140 }}
        maxLength={200}
        placeholder={t('regf.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`${testId}-reason`}
      />
      <Button size="small" disabled={reason.trim().length < 2} onClick={end} data-testid={`${testId}-ok`}>
        {label}
      </Button>
    </Space>
  );
}
