import { Alert, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { PhotoUpload } from '../detail/PhotoUpload.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { useMe } from '../session.js';
import type { AnyActionBody } from '../../shared/action-body.js';

export type WishDetail = paths['/api/v1/wishes/{id}']['get']['responses'][200]['content']['application/json'];
export type WishAction = WishDetail['actions'][number];
type Body = AnyActionBody<
  paths['/api/v1/wishes/{id}/actions/{action}']['post']['requestBody']['content']['application/json']
>;
type ClaimerKind = NonNullable<Body['claimerKind']>;
const CLAIMER_KINDS: ClaimerKind[] = ['party_org', 'paired_unit', 'deputy', 'in_service_member', 'cadre'];

/** The form of one action: what it needs (reason, claimer, note and photos, thanks) and nothing more; sent with the version seen. */
export function WishActionModal({
  w,
  action,
  onClose,
  onDone,
}: {
  w: WishDetail;
  action: WishAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, label, lang } = useLang();
  const me = useMe();
  const [text, setText] = useState('');
  const [claimerName, setClaimerName] = useState(me.displayName);
  const [claimerKind, setClaimerKind] = useState<ClaimerKind | undefined>();
  const [maxClaimers, setMaxClaimers] = useState(w.maxClaimers);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function body(): Body | null {
    const words = text.trim() || undefined;
    switch (action) {
      case 'publish':
        return { maxClaimers };
      case 'reject':
        return words && words.length >= 2 ? { reason: words } : null;
      case 'claim':
        return claimerKind && claimerName.trim()
          ? { claimerKind, claimerName: claimerName.trim(), note: words }
          : null;
      case 'fulfil':
        return words && words.length >= 2 ? { note: words, photoIds } : null;
      case 'close':
        return { thanksNote: words };
      default:
        return {};
    }
  }

  async function submit() {
    if (!action) return;
    const b = body();
    if (!b) return setError(t('wishes.required'));
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/wishes/{id}/actions/{action}', {
          params: { path: { id: w.id, action } },
          body: { version: w.version, ...b },
        }),
      );
      onDone();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  const textLabel =
    action === 'reject'
      ? 'wishes.reason'
      : action === 'claim'
        ? 'wishes.claimNote'
        : action === 'fulfil'
          ? 'wishes.fulfilText'
          : action === 'close'
            ? 'wishes.thanksText'
            : null;
  return (
    <Modal
      open={action !== null}
      title={action ? `${label('wishes.action', action)} · ${w.title}` : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid="wish-modal-confirm"
        >
          {t('common.ok')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        {(action === 'withdraw' || action === 'unclaim') && (
          <Typography.Paragraph>{t('wishes.confirmText')}</Typography.Paragraph>
        )}
        {action === 'publish' && (
          <Form.Item label={t('wishes.maxClaimers')}>
            <InputNumber
              min={1}
              max={20}
              value={maxClaimers}
              onChange={(v) => setMaxClaimers(v ?? 1)}
              data-testid="wish-max-claimers"
            />
          </Form.Item>
        )}
        {action === 'claim' && (
          <>
            <Form.Item label={t('wishes.claimerName')} required>
              <Input
                maxLength={60}
                value={claimerName}
                onChange={(e) => setClaimerName(e.target.value)}
                data-testid="wish-claimer-name"
              />
            </Form.Item>
            <Form.Item label={t('wishes.claimerKind')} required>
              <Select<ClaimerKind>
                value={claimerKind}
                onChange={setClaimerKind}
                options={CLAIMER_KINDS.map((k) => ({ value: k, label: label('wishes.claimerKind', k) }))}
                data-testid="wish-claimer-kind"
              />
            </Form.Item>
          </>
        )}
        {textLabel && (
          <Form.Item label={t(textLabel)} required={action === 'reject' || action === 'fulfil'}>
            <Input.TextArea
              rows={3}
              maxLength={action === 'fulfil' || action === 'claim' ? 1000 : 500}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="wish-modal-text"
            />
          </Form.Item>
        )}
        {action === 'fulfil' && (
          <Form.Item label={t('wishes.photos')}>
            <PhotoUpload value={photoIds} onChange={setPhotoIds} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" title={error} data-testid="wish-modal-error" />}
    </Modal>
  );
}
