import { useState } from 'react';
import { App, Button, InputNumber, Space, Table, Typography } from 'antd';
import QRCode from 'qrcode';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Key } from '../i18n.js';

/** The join link a resident's phone opens (the QR code holds it). */
const joinLink = (code: string) => `${location.origin}/m/join/${encodeURIComponent(code)}`;

/** A household's invitations: issue one (the code shown once, large and as a QR code), list, withdraw. */
export function InvitationPanel({ householdId }: { householdId: number }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [days, setDays] = useState(7);
  const [issued, setIssued] = useState<{ code: string; qr: string } | null>(null);
  const list = useLoad(
    () => ok(api.GET('/api/v1/households/{id}/invitations', { params: { path: { id: householdId } } })),
    [householdId],
  );

  async function issue() {
    try {
      const inv = await ok(
        api.POST('/api/v1/households/{id}/invitations', {
          params: { path: { id: householdId } },
          body: { days },
        }),
      );
      setIssued({
        code: inv.code,
        qr: await QRCode.toDataURL(joinLink(inv.code), { margin: 1, width: 220 }),
      });
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  async function withdraw(id: number) {
    try {
      await ok(api.POST('/api/v1/invitations/{id}/withdraw', { params: { path: { id } } }));
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <div data-testid="invitations">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('reg.invitations')}
      </Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        {t('reg.days')}
        <InputNumber min={1} max={60} value={days} onChange={(v) => setDays(v ?? 7)} data-testid="inv-days" />
        <Button type="primary" onClick={() => void issue()} data-testid="inv-issue">
          {t('reg.issue')}
        </Button>
      </Space>
      {issued && (
        <Space align="center" size="large" style={{ display: 'flex', margin: '8px 0 16px' }}>
          <img src={issued.qr} alt={joinLink(issued.code)} width={220} height={220} data-testid="inv-qr" />
          <div>
            <div style={{ fontSize: 40, fontFamily: 'monospace', letterSpacing: 4 }} data-testid="inv-code">
              {issued.code}
            </div>
            <Typography.Text type="secondary">{t('reg.codeOnce')}</Typography.Text>
          </div>
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('reg.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => fmtTime(v) },
          { title: t('reg.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => fmtTime(v) },
          { title: t('reg.status'), dataIndex: 'status', render: (v: string) => t(`reg.inv_${v}` as Key) },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r: { id: number; status: string }) =>
              r.status === 'open' && (
                <Button
                  size="small"
                  danger
                  onClick={() => void withdraw(r.id)}
                  data-testid={`inv-withdraw-${r.id}`}
                >
                  {t('reg.withdraw')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
