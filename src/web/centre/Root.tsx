import { App as AntApp, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { LangProvider, useLang } from './lang.js';
import { LoginPage } from './LoginPage.js';
import { lazy, Suspense } from 'react';
import { useRoute } from './router.js';
import { SessionProvider, useSession } from './session.js';

/** The signed-in frame and its menus load after sign-in (the sign-in page needs none of it). */
const Shell = lazy(() => import('./layout/Shell.js').then((m) => ({ default: m.Shell })));
/** The public map of reports (#/public-map/{county}) opens without signing in. */
const PublicMapPage = lazy(() => import('./map/PublicMapPage.js'));
/** The A4 print layouts (/print/report/{id}, /print/case/{id}), signed in, without the frame. */
const PrintPage = lazy(() => import('./print/PrintPage.js'));

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

/** Providers: language (zh first), antd theme and locale, session. */
export function Root() {
  return (
    <LangProvider>
      <Themed />
    </LangProvider>
  );
}

function Themed() {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#c8102e',
          colorLink: '#c8102e',
          borderRadius: 4,
          fontFamily: FONT,
          fontSize: 14,
          // WCAG 2.1 AA / GB/T 37668: text at least 4.5:1 on white and on the grey page
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: '#767676',
          colorError: '#cf1322',
        },
        components: {
          // empty-state text: antd draws it in the disabled grey (1.8:1); readable instead
          Table: { cellPaddingBlockSM: 6, colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
          Layout: { headerBg: '#a50f25', siderBg: '#fff', headerHeight: 56, headerPadding: '0 20px' },
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function Gate() {
  const { me } = useSession();
  const { t } = useLang();
  const route = useRoute();
  if (route.path[0] === 'public-map')
    return (
      <Suspense fallback={<Spin size="large" fullscreen description={t('app.loading')} />}>
        <PublicMapPage county={route.path[1] ?? ''} />
      </Suspense>
    );
  if (me === undefined) return <Spin size="large" fullscreen description={t('app.loading')} />;
  if (me === null) return <LoginPage />;
  if (me.role === 'resident')
    return (
      <Result
        status="info"
        title={me.displayName}
        subTitle={t('app.useField')}
        extra={<a href="/m/">{t('app.openField')}</a>}
      />
    );
  if (route.path[0] === 'print')
    return (
      <Suspense fallback={<Spin size="large" fullscreen description={t('app.loading')} />}>
        <PrintPage route={route} />
      </Suspense>
    );
  return (
    <Suspense fallback={<Spin size="large" fullscreen description={t('app.loading')} />}>
      <Shell />
    </Suspense>
  );
}
