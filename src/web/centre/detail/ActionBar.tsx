import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLang } from '../lang.js';
import type { CaseAction, CaseDetail } from '../types.js';
import { ActionModal } from './ActionModal.js';
import { ORDER, SPECS } from './actionSpecs.js';

/** Only the actions the API lists in `actions` — each opens its modal. */
export function ActionBar({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t, label } = useLang();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const actions = [...c.actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return (
    <>
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
      ) : (
        <Space wrap data-testid="case-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={SPECS[a]?.kind === 'primary' ? 'primary' : 'default'}
              danger={SPECS[a]?.kind === 'danger'}
              onClick={() => setOpen(a)}
              data-testid={`action-${a}`}
            >
              {label('action', a)}
            </Button>
          ))}
        </Space>
      )}
      <ActionModal c={c} action={open} onClose={() => setOpen(null)} onDone={onDone} />
    </>
  );
}
