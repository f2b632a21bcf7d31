import { PhoneOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useLang } from '../lang.js';

export type PhoneQuery = { phone: string; reason: string };
const MOBILE = /^1\d{10}$/;

/**
 * The register searched by a visitor's phone: a reveal (the server checks the right, rate-limits it
 * and audits the reason, never the number), so it asks for the reason and is shown only to those who
 * may. The list then answers the registrations of that phone inside the caller's scope.
 */
export function PhoneSearch({
  value,
  onChange,
}: {
  value: PhoneQuery | undefined;
  onChange: (v: PhoneQuery | undefined) => void;
}) {
  const { t } = useLang();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const valid = MOBILE.test(phone.trim()) && reason.trim().length >= 4;
  if (value)
    return (
      <Button onClick={() => onChange(undefined)} data-testid="pet-phone-clear">
        {t('pet.phoneSearchClear')}
      </Button>
    );
  return (
    <>
      <Button icon={<PhoneOutlined />} onClick={() => setOpen(true)} data-testid="pet-phone-search">
        {t('pet.phoneSearch')}
      </Button>
      <Modal
        open={open}
        title={t('pet.phoneSearch')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !valid }}
        onOk={() => (setOpen(false), onChange({ phone: phone.trim(), reason: reason.trim() }))}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            value={phone}
            maxLength={11}
            placeholder={t('pet.phone')}
            aria-label={t('pet.phone')}
            onChange={(e) => setPhone(e.target.value)}
            data-testid="pet-phone-number"
          />
          <Input
            value={reason}
            maxLength={200}
            placeholder={t('pet.phoneReason')}
            aria-label={t('pet.phoneReason')}
            onChange={(e) => setReason(e.target.value)}
            data-testid="pet-phone-reason"
          />
        </Space>
      </Modal>
    </>
  );
}
