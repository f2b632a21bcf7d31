import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/**
 * The county's Open311 test endpoint (GET/PUT /open311/settings): listed in the discovery document
 * beside production once set, so client developers can try their app against it; cleared with null.
 */
export function Open311Settings() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const settings = useLoad(() => ok(api.GET('/api/v1/open311/settings')), []);
  const [form] = Form.useForm<{ testUrl: string }>();
  const [busy, setBusy] = useState(false);
  const current = settings.data?.testUrl ?? null;

  useEffect(() => form.setFieldsValue({ testUrl: current ?? '' }), [current, form]);

  async function save(testUrl: string | null) {
    setBusy(true);
    try {
      await ok(api.PUT('/api/v1/open311/settings', { body: { testUrl } }));
      message.success(testUrl ? t('o311.saved') : t('o311.cleared'));
      settings.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('o311.title')} data-testid="o311-settings">
      <Typography.Paragraph type="secondary">{t('o311.help')}</Typography.Paragraph>
      {settings.error !== undefined && (
        <Alert type="error" showIcon title={errorText(settings.error, lang)} />
      )}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void save(v.testUrl.trim())}
        style={{ rowGap: 8 }}
        disabled={settings.loading && !settings.data}
      >
        <Form.Item
          name="testUrl"
          label={t('o311.testUrl')}
          rules={[
            { required: true, message: t('o311.urlRequired') },
            { type: 'url', message: t('o311.urlBad') },
            { pattern: /^https?:\/\//i, message: t('o311.urlBad') },
            { max: 300, message: t('o311.urlBad') },
          ]}
        >
          <Input
            style={{ width: 420 }}
            placeholder="https://test.example.gov.cn/open311/v2"
            data-testid="o311-test-url"
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="o311-save">
            {t('common.save')}
          </Button>
          <Button disabled={!current} loading={busy} onClick={() => void save(null)} data-testid="o311-clear">
            {t('o311.clear')}
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="o311-current">
        {current ? t('o311.current', { url: current }) : t('o311.none')}{' '}
        <a href="/open311/v2/discovery.json" target="_blank" rel="noreferrer">
          {t('o311.discovery')}
        </a>
      </Typography.Paragraph>
    </Card>
  );
}
