import { Button, Card, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { incomingCall, listenForCalls, ringingNow, type CallStatus } from '../../shared/call-engine.js';
import { useLang } from '../lang.js';
import { currentCall, setCurrentCall, useCurrentCall } from './store.js';

function Video({
  stream,
  muted,
  label,
  small,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  label: string;
  small?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      style={{ width: small ? 96 : 320, maxWidth: '100%', background: '#000', borderRadius: 4 }}
    />
  );
}

/**
 * The call on screen, docked at the bottom right of every page: the ring of a field worker
 * calling the centre (accept/decline), the other side's picture, my own small, hang-up.
 */
export function CallDock() {
  const { t } = useLang();
  const session = useCurrentCall();
  const [status, setStatus] = useState<CallStatus | null>(null);

  useEffect(() => {
    const offer = (p: Promise<import('../../shared/call-engine.js').CallSession>) =>
      void p.then(
        (s) => {
          const busy = currentCall();
          if (!busy || busy.status.phase === 'ended') setCurrentCall(s);
        },
        () => undefined,
      );
    void ringingNow().then((list) => list[0] && offer(Promise.resolve(list[0])));
    return listenForCalls((id) => offer(incomingCall(id)));
  }, []);

  useEffect(() => (session ? session.onChange(setStatus) : setStatus(null)), [session]);
  useEffect(() => {
    if (status?.phase !== 'ended') return;
    const timer = setTimeout(() => setCurrentCall(null), 2000);
    return () => clearTimeout(timer);
  }, [status?.phase]);

  if (!session || !status) return null;
  const c = status.call;
  const other = c.side === 'callee' ? c.caller.name : c.callee.name;
  const incoming = c.side === 'callee' && status.phase === 'ringing';
  const title =
    status.phase === 'ended'
      ? t('call.ended')
      : incoming
        ? t('call.incoming', { name: other })
        : status.phase === 'ringing'
          ? t('call.ringing', { name: other })
          : status.phase === 'connected'
            ? t('call.connected', { name: other })
            : t('call.connecting');
  return (
    <Card
      size="small"
      role="dialog"
      aria-label={title}
      data-testid="call-dock"
      style={{
        position: 'fixed',
        right: 16,
        bottom: 16,
        zIndex: 1100,
        width: 352,
        boxShadow: '0 4px 16px #0003',
      }}
      title={
        <span data-testid="call-phase" data-phase={status.phase}>
          {title}
        </span>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {!incoming && (
          <>
            <Video stream={status.remote} label={other} />
            <Space>
              <Video stream={status.local} muted small label="me" />
              <Typography.Text type="secondary" data-testid="call-bytes-in" data-bytes={status.bytesIn}>
                {t('call.received', { kb: Math.round(status.bytesIn / 1024) })}
              </Typography.Text>
            </Space>
          </>
        )}
        <Typography.Text type="secondary">{t('call.noRecording')}</Typography.Text>
        {status.error && <Typography.Text type="danger">{status.error}</Typography.Text>}
        <Space>
          {incoming && (
            <>
              <Button type="primary" data-testid="call-accept" onClick={() => void session.accept()}>
                {t('call.accept')}
              </Button>
              <Button danger data-testid="call-decline" onClick={() => void session.decline()}>
                {t('call.decline')}
              </Button>
            </>
          )}
          {!incoming && status.phase !== 'ended' && (
            <Button danger type="primary" data-testid="call-hangup" onClick={() => void session.hangup()}>
              {t('call.hangup')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
