import { Alert, Button, Modal, Typography } from 'antd';
import { useLang } from '../lang.js';
import type { Key } from '../i18n.js';

/** A secret (an API key, a signing secret) shown this once, with a copy button and a warning. */
export function ShownOnceModal({
  value,
  title,
  warning,
  onClose,
}: {
  value: string | null;
  title: Key;
  warning: Key;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal
      open={value !== null}
      destroyOnHidden
      title={t(title)}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-close">
          {t('common.ok')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t(warning)} style={{ marginBottom: 12 }} />
      <Typography.Paragraph
        copyable={{ text: value ?? '' }}
        code
        style={{ fontSize: 15, wordBreak: 'break-all' }}
        data-testid="secret-value"
      >
        {value}
      </Typography.Paragraph>
    </Modal>
  );
}
