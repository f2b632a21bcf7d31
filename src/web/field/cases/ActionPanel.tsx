import { useState } from 'react';
import { Button } from 'antd-mobile';
import { ACTION_TEXT, label } from '../i18n.js';
import type { CaseAction, CaseDetail } from '../types.js';
import { ActionSheet, FORMS } from './ActionSheet.js';

/** ONLY the buttons the server lists in `actions` (and that the field app knows how to ask for). */
export function ActionPanel({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const [open, setOpen] = useState<CaseAction | null>(null);
  const shown = c.actions.filter((a) => FORMS[a]);
  if (!shown.length) return null;
  return (
    <div className="card actions" data-testid="actions">
      {shown.map((a, i) => (
        <Button
          key={a}
          block
          size="large"
          color={FORMS[a]?.danger ? 'default' : i === 0 ? 'primary' : 'default'}
          fill={FORMS[a]?.danger ? 'outline' : 'solid'}
          onClick={() => setOpen(a)}
          data-testid={`action-${a}`}
        >
          {label(ACTION_TEXT, a)}
        </Button>
      ))}
      {open && (
        <ActionSheet
          c={c}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(stale) => {
            if (!stale) setOpen(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
