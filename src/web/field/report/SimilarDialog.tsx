import { Dialog } from 'antd-mobile';
import { label, STATE_TEXT, t } from '../i18n.js';
import type { SimilarItem } from '../types.js';

/** "Similar problems were already reported nearby": true to submit anyway. */
export function confirmSimilar(items: SimilarItem[]): Promise<boolean> {
  return new Promise((resolve) => {
    Dialog.show({
      title: t('similarTitle'),
      content: (
        <div data-testid="similar-list">
          <p style={{ marginTop: 0 }}>{t('similarHint')}</p>
          {items.slice(0, 5).map((c) => (
            <div key={c.id} className="queue-item" data-testid={`similar-${c.number}`}>
              <b>{c.categoryName}</b> · {label(STATE_TEXT, c.state)}
              {c.summary && <div>{c.summary}</div>}
              <div className="muted">
                {t('similarAway', { m: Math.round(c.distanceMetres) })} ·{' '}
                {new Date(c.reportedAt).toLocaleDateString()}
              </div>
            </div>
          ))}
        </div>
      ),
      closeOnAction: true,
      actions: [
        { key: 'go', text: <span data-testid="similar-continue">{t('similarContinue')}</span>, bold: true },
        { key: 'cancel', text: <span data-testid="similar-cancel">{t('similarCancel')}</span> },
      ],
      onAction: (a) => resolve(a.key === 'go'),
      onClose: () => resolve(false),
    });
  });
}
