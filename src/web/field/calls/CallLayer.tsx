import { useEffect, useRef, useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { errorText } from '../../shared/api.js';
import {
  incomingCall,
  listenForCalls,
  placeCall,
  ringingNow,
  type CallSession,
  type CallStatus,
} from '../../shared/call-engine.js';
import { t } from '../i18n.js';

function Video({ stream, muted, label }: { stream: MediaStream | null; muted?: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} className="call-video" />;
}

/**
 * Calls on the phone while the field app is open (issue 13): the ring screen (accept or decline),
 * the call itself (the other side's picture, my own small, hang-up) and a button to call my centre.
 */
export function CallLayer({ canCall }: { canCall: boolean }) {
  const [session, setSession] = useState<CallSession | null>(null);
  const [status, setStatus] = useState<CallStatus | null>(null);
  const current = useRef<CallSession | null>(null);

  const show = (s: CallSession) => {
    if (current.current && current.current.status.phase !== 'ended') return; // busy here
    current.current = s;
    setSession(s);
    s.onChange(setStatus);
  };

  useEffect(() => {
    void ringingNow().then((list) => list[0] && show(list[0]));
    return listenForCalls((id) => void incomingCall(id).then(show, () => undefined));
  }, []);

  useEffect(() => {
    if (status?.phase !== 'ended') return;
    const timer = setTimeout(() => {
      setSession(null);
      setStatus(null);
    }, 1500);
    return () => clearTimeout(timer);
  }, [status?.phase]);

  const callCentre = async () => {
    try {
      show(await placeCall({ media: 'video', toCentre: true }));
    } catch (e) {
      Toast.show({ content: errorText(e) });
    }
  };

  if (!session || !status) {
    if (!canCall) return null;
    return (
      <button
        type="button"
        className="call-centre-button"
        data-testid="call-centre"
        onClick={() => void callCentre()}
      >
        {t('callCentre')}
      </button>
    );
  }
  const c = status.call;
  const incoming = c.side === 'callee' && status.phase === 'ringing';
  const other = c.side === 'callee' ? c.caller.name : c.callee.name;
  return (
    <div
      className="call-layer"
      role="dialog"
      aria-label={t('callIncoming', { name: other })}
      data-testid="call-layer"
    >
      <div className="call-title">
        <strong>{incoming ? t('callIncoming', { name: other }) : other}</strong>
        <span>{c.media === 'video' ? t('callVideo') : t('callVoice')}</span>
        <span data-testid="call-phase" data-phase={status.phase}>
          {status.phase === 'ended'
            ? t('callEnded')
            : status.phase === 'connected'
              ? t('callConnected')
              : status.phase === 'connecting'
                ? t('callConnecting')
                : ''}
        </span>
        <small>{t('callNoRecording')}</small>
      </div>
      {!incoming && (
        <div className="call-media">
          <Video stream={status.remote} label={other} />
          <Video stream={status.local} muted label="me" />
          <span data-testid="call-bytes-in" data-bytes={status.bytesIn}>
            {t('callReceived', { kb: Math.round(status.bytesIn / 1024) })}
          </span>
        </div>
      )}
      <div className="call-buttons">
        {incoming ? (
          <>
            <Button
              color="success"
              size="large"
              data-testid="call-accept"
              onClick={() => void session.accept()}
            >
              {t('callAccept')}
            </Button>
            <Button
              color="danger"
              size="large"
              data-testid="call-decline"
              onClick={() => void session.decline()}
            >
              {t('callDecline')}
            </Button>
          </>
        ) : (
          status.phase !== 'ended' && (
            <Button
              color="danger"
              size="large"
              data-testid="call-hangup"
              onClick={() => void session.hangup()}
            >
              {t('callHangup')}
            </Button>
          )
        )}
      </div>
    </div>
  );
}
