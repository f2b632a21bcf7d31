import { Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLang } from '../lang.js';
import { TILES_KEY, tileTemplate } from '../map/base.js';

/** Sets the base-map tile template (localStorage `wangge.tiles`); empty = polygons only. */
export function MapSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useLang();
  const [value, setValue] = useState('');
  useEffect(() => {
    if (open) setValue(tileTemplate());
  }, [open]);
  return (
    <Modal
      title={t('header.mapSettings')}
      open={open}
      destroyOnHidden
      onCancel={onClose}
      okText={t('common.save')}
      onOk={() => {
        localStorage.setItem(TILES_KEY, value.trim());
        onClose();
        window.location.reload();
      }}
    >
      <Typography.Paragraph>{t('map.tiles')}</Typography.Paragraph>
      <Input
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="https://…/{z}/{x}/{y}.png"
        data-testid="tiles-input"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('map.tilesHelp')}
      </Typography.Paragraph>
    </Modal>
  );
}
