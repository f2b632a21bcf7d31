import { Suspense, useEffect, useRef, useState } from 'react';
import { Button, ConfigProvider, DotLoading } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { t, useLang } from './i18n.js';
import { onUnauthorized } from './net.js';
import { setOwner } from './offline/queue.js';
import { isFieldRole, loadSession, signOut, type Session } from './session.js';
import { Login } from './Login.js';
import { useRoute } from './router.js';
import { InServiceSignUp, Join } from './screens.js';
import { Shell } from './Shell.js';

/** Sign-in gate: residents, grid workers and village staff get the field app (isFieldRole); other roles the desktop centre. */
export function App() {
  const lang = useLang();
  const route = useRoute();
  const [session, setSession] = useState<Session | null>(null);
  const [expired, setExpired] = useState(false);
  const signedIn = useRef(false);
  signedIn.current = !!session?.me;

  useEffect(() => {
    void loadSession().then(setSession);
    return onUnauthorized(() => {
      if (!signedIn.current) return;
      setExpired(true);
      setSession({ me: null, offline: false });
    });
  }, []);

  // started without a network on the phone's copy of the account: check again when it returns
  useEffect(() => {
    if (!session?.offline) return;
    const retry = () => void loadSession().then((s) => !s.offline && setSession(s));
    window.addEventListener('online', retry);
    const id = setInterval(retry, 30_000);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(id);
    };
  }, [session?.offline]);

  const me = session?.me ?? null;
  const owner = me && isFieldRole(me) ? me.username : null;
  useEffect(() => {
    if (session) void setOwner(owner);
  }, [owner, session]);

  let body;
  if (!session) {
    body = (
      <div style={{ padding: 48, textAlign: 'center', fontSize: 20 }}>
        {t('appName')} <DotLoading />
      </div>
    );
  } else if (!me && route.startsWith('/join')) {
    // the public join page (the invitation's QR code opens '#/join/CODE')
    body = (
      <Suspense fallback={<DotLoading />}>
        <Join
          code={decodeURIComponent(route.split('/')[2] ?? '')}
          onSignedIn={(m) => setSession({ me: m, offline: false })}
        />
      </Suspense>
    );
  } else if (!me && route.startsWith('/in-service/sign-up')) {
    // 在职党员报到 (public; the community's QR code may carry ?home=CODE)
    body = (
      <Suspense fallback={<DotLoading />}>
        <InServiceSignUp home={new URLSearchParams(route.split('?')[1] ?? '').get('home') ?? ''} />
      </Suspense>
    );
  } else if (!me) {
    body = (
      <Login
        expired={expired}
        onSignedIn={(m) => {
          setExpired(false);
          setSession({ me: m, offline: false });
        }}
      />
    );
  } else if (!isFieldRole(me)) {
    body = (
      <div className="page">
        <div className="card" style={{ marginTop: 48 }}>
          <h3>
            {me.displayName}（{lang === 'zh' ? me.roleName.zh : me.roleName.en}）
          </h3>
          <p>{t('useCentre')}</p>
          <Button block color="primary" onClick={() => location.assign('/')}>
            {t('openCentre')}
          </Button>
          <Button
            block
            style={{ marginTop: 12 }}
            onClick={() => void signOut().then(() => setSession({ me: null, offline: false }))}
          >
            {t('signOut')}
          </Button>
        </div>
      </div>
    );
  } else {
    body = (
      <Shell
        me={me}
        startedOffline={session.offline}
        onSignOut={() => void signOut().then(() => setSession({ me: null, offline: false }))}
      />
    );
  }
  return <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>{body}</ConfigProvider>;
}
