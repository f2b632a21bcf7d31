import { Button, Dialog, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok } from '../net.js';
import type { CaseDetail } from '../types.js';

/**
 * The reporter and their number for staff (the API sends it masked; residents get neither).
 * The full number only through the audited reveal, with a reason; it stays on this screen only.
 */
export function ReporterContact({ c, canReveal }: { c: CaseDetail; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  if (!c.reporterName && !c.reporterContact) return null;

  async function reveal() {
    let reason = '';
    const go = await Dialog.confirm({
      title: t('revealContact'),
      content: (
        <TextArea
          placeholder={t('revealReasonHint')}
          aria-label={t('revealReason')}
          rows={3}
          maxLength={200}
          onChange={(v) => (reason = v)}
          data-testid="reveal-reason"
        />
      ),
      confirmText: t('confirm'),
      cancelText: t('cancel'),
    });
    if (!go) return;
    if (reason.trim().length < 4) {
      Toast.show({ content: t('revealReasonShort') });
      return;
    }
    try {
      const res = await ok(
        api.POST('/api/v1/cases/{id}/reveal-contact', {
          params: { path: { id: c.id } },
          body: { reason: reason.trim() },
        }),
      );
      setFull(res.reporterContact);
    } catch (err) {
      Toast.show({ content: failText(err) });
    }
  }

  return (
    <div className="card" data-testid="reporter">
      {c.reporterName && (
        <div className="kv">
          <span className="k">{t('reporter')}</span>
          <span>{c.reporterName}</span>
        </div>
      )}
      {c.reporterContact && (
        <div className="kv" style={{ alignItems: 'center' }}>
          <span className="k">{t('reporterContact')}</span>
          <span className="grow" data-testid="reporter-contact">
            {full ?? c.reporterContact}
          </span>
          {full ? (
            <a className="nav-app" href={`tel:${full}`} data-testid="call-reporter">
              {t('callReporter')}
            </a>
          ) : (
            canReveal && (
              <Button size="small" onClick={() => void reveal()} data-testid="reveal-contact">
                {t('revealContact')}
              </Button>
            )
          )}
        </div>
      )}
    </div>
  );
}
