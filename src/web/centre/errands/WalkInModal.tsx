import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/**
 * 代办点代为登记: village staff register a request for a villager without a phone. The villager is
 * found by name in the household archive (the server checks the scope again); the item is taken in
 * at once and, for a relay item, starts its village tier. One clientRequestId per opening: a retry
 * after a lost answer does not register twice.
 */
export function WalkInModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t, lang } = useLang();
  const [q, setQ] = useState('');
  const [residentId, setResidentId] = useState<number | undefined>();
  const [serviceCode, setServiceCode] = useState<string | undefined>();
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(() => crypto.randomUUID());
  const residents = useLoad(
    () =>
      q.trim()
        ? ok(api.GET('/api/v1/residents', { params: { query: { q: q.trim(), limit: 20 } } })).then(
            (r) => r.items,
          )
        : Promise.resolve([]),
    [q],
  );
  const items = useLoad(() => ok(api.GET('/api/v1/service-items')), []);

  async function submit() {
    if (!residentId || !serviceCode || detail.trim().length < 2) return setError(t('errands.required'));
    setBusy(true);
    setError(null);
    try {
      const r = await ok(
        api.POST('/api/v1/errands/walk-in', {
          body: { residentId, serviceCode, detail: detail.trim(), clientRequestId: requestId },
        }),
      );
      onDone(r.id);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('errands.walkIn')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'walkin-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('errands.walkInResident')} required>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('errands.walkInSearch')}
            value={residentId}
            onChange={setResidentId}
            loading={residents.loading}
            options={(residents.data ?? []).map((r) => ({
              value: r.id,
              label: `${r.name}（${r.relation}）`,
            }))}
            data-testid="walkin-resident"
          />
        </Form.Item>
        <Form.Item label={t('errands.walkInItem')} required>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            value={serviceCode}
            onChange={setServiceCode}
            options={(items.data?.items ?? []).map((s) => ({
              value: s.code,
              label: `${lang === 'zh' ? s.nameZh : s.nameEn} · ${t(`errands.handledAt.${s.handledAt}`)}`,
            }))}
            data-testid="walkin-item"
          />
        </Form.Item>
        <Form.Item label={t('errands.detail')} required>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            value={detail}
            onChange={(e) => setDetail(e.target.value)}
            data-testid="walkin-detail"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
