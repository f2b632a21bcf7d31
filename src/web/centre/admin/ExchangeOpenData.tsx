import { Alert, App, Card, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useMe } from '../session.js';

/** The county's open-data switch (GET/PUT /exchange/settings), and the public JSON/CSV links when on. */
export function ExchangeOpenData() {
  const { t, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const settings = useLoad(() => ok(api.GET('/api/v1/exchange/settings')), []);
  const [busy, setBusy] = useState(false);
  const on = settings.data?.openData ?? false;
  const base = `/api/v1/open-data/${me.countyCode}/indicators`;

  async function toggle(openData: boolean) {
    setBusy(true);
    try {
      await ok(api.PUT('/api/v1/exchange/settings', { body: { openData } }));
      message.success(t('ex.saved'));
      settings.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('ex.openData')} data-testid="ex-open-data">
      <Typography.Paragraph type="secondary">{t('ex.openDataHelp')}</Typography.Paragraph>
      {settings.error !== undefined && (
        <Alert type="error" showIcon title={errorText(settings.error, lang)} />
      )}
      <Space>
        <Switch
          checked={on}
          loading={busy || settings.loading}
          onChange={(v) => void toggle(v)}
          data-testid="ex-open-data-switch"
        />
        <span data-testid="ex-open-data-state">{on ? t('ex.openDataOn') : t('ex.openDataOff')}</span>
        {on && (
          <>
            <a href={`${base}.json`} target="_blank" rel="noreferrer" data-testid="ex-open-data-json">
              JSON
            </a>
            <a href={`${base}.csv`} download data-testid="ex-open-data-csv">
              CSV
            </a>
          </>
        )}
      </Space>
    </Card>
  );
}
