import { Button, Dialog, Input, Tag, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import { useLive } from '../messages/live.js';
import { QueuePanel } from '../offline/QueuePanel.js';
import { enqueueEmergencyReport, useQueue } from '../offline/queue.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';

type Mine = paths['/api/v1/emergency-checks/mine']['get']['responses'][200]['content']['application/json'];
type Status = 'safe' | 'evacuated' | 'needs_help' | 'unreachable';
const STATUSES: [Status, 'emgSafe' | 'emgEvacuated' | 'emgNeedsHelp' | 'emgUnreachable', string][] = [
  ['safe', 'emgSafe', 'success'],
  ['evacuated', 'emgEvacuated', 'primary'],
  ['needs_help', 'emgNeedsHelp', 'danger'],
  ['unreachable', 'emgUnreachable', 'warning'],
];
const NAME = {
  pending: 'emgPending',
  safe: 'emgSafe',
  evacuated: 'emgEvacuated',
  needs_help: 'emgNeedsHelp',
  unreachable: 'emgUnreachable',
} as const;

/**
 * '#/emergency': the vulnerable households of my grid for each declared emergency (the last list
 * stays on the phone), each reported in one tap through the offline queue (its clientRequestId and
 * the tap's time: a late report never overrides a newer one); location sharing with consent.
 */
export function EmergencyChecks({ me }: { me: Me }) {
  // a closing arrives live: the event leaves the list and its location sharing stops with it
  const { tick } = useLive();
  const list = useFetch(`emergency.mine.${me.username}`, () => ok(api.GET('/api/v1/emergency-checks/mine')), [
    tick,
  ]);
  const queue = useQueue();
  const [tapped, setTapped] = useState<Record<number, Status>>({});
  const queued = useMemo(
    () => new Set(queue.items.flatMap((i) => (i.kind === 'emergency' ? [i.work.checkId] : []))),
    [queue.items],
  );
  const data: Mine | null | undefined = list.data;
  const report = async (c: Mine['items'][number], status: Status, label: string) => {
    setTapped((s) => ({ ...s, [c.id]: status }));
    await enqueueEmergencyReport({
      checkId: c.id,
      title: `${c.address} · ${label}`,
      body: { status, reportedAt: new Date().toISOString(), clientRequestId: crypto.randomUUID() },
    });
    if (!navigator.onLine) Toast.show(t('emgQueued'));
  };
  return (
    <div className="page" data-testid="emergency-checks">
      <div className="page-title">{t('emgTitle')}</div>
      {/* reports kept on the phone while offline: how many wait, and "send now" */}
      <QueuePanel />
      {data && data.events.length === 0 && <div className="muted">{t('emgNone')}</div>}
      {(data?.events ?? []).map((e) => {
        const mine = (data?.items ?? []).filter((x) => x.eventId === e.id);
        const left = mine.filter((x) => (tapped[x.id] ?? x.status) === 'pending').length;
        return (
          <section key={e.id} data-testid={`emg-event-${e.id}`}>
            <h3 style={{ margin: '12px 0 4px', color: '#c8102e' }}>{e.title}</h3>
            <div className="muted">{t('emgLeft', { n: left })}</div>
            <Sharing eventId={e.id} />
            <HelpButton eventId={e.id} gridCode={mine[0]?.gridCode} />
            {mine.map((x) => {
              const status = tapped[x.id] ?? x.status;
              return (
                <div key={x.id} className="card" data-testid={`check-${x.id}`} style={{ margin: '8px 0' }}>
                  <div>
                    <strong>{x.name}</strong> <span className="muted">{x.address}</span>{' '}
                    <Tag
                      color={status === 'pending' ? 'default' : 'primary'}
                      data-testid={`check-status-${x.id}`}
                    >
                      {t(NAME[status])}
                    </Tag>
                    {queued.has(x.id) && (
                      <span className="muted" data-testid={`check-queued-${x.id}`}>
                        {' '}
                        · {t('emgQueued')}
                      </span>
                    )}
                  </div>
                  <div style={{ display: 'flex', gap: 6, marginTop: 6, flexWrap: 'wrap' }}>
                    {STATUSES.map(([s, key, color]) => (
                      <Button
                        key={s}
                        size="small"
                        color={color as 'success'}
                        fill={status === s ? 'solid' : 'outline'}
                        data-testid={`check-${x.id}-${s}`}
                        onClick={() => void report(x, s, t(key))}
                      >
                        {t(key)}
                      </Button>
                    ))}
                  </div>
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

/** Location sharing: off until the worker agrees; a visible indicator while on; positions every minute. */
function Sharing({ eventId }: { eventId: number }) {
  const detail = useFetch(
    `emergency.event.${eventId}`,
    () => ok(api.GET('/api/v1/emergency-events/{id}', { params: { path: { id: eventId } } })),
    [eventId],
  );
  const [on, setOn] = useState<boolean | null>(null);
  const sharing = on ?? detail.data?.sharing === 'on';
  useEffect(() => {
    if (!sharing || !navigator.geolocation) return;
    const send = () =>
      navigator.geolocation.getCurrentPosition(
        (p) =>
          void api.POST('/api/v1/emergency-events/{id}/positions', {
            params: { path: { id: eventId } },
            body: {
              lng: p.coords.longitude,
              lat: p.coords.latitude,
              at: new Date(p.timestamp).toISOString(),
            },
          }),
        () => undefined,
      );
    send();
    const timer = setInterval(send, 60_000);
    return () => clearInterval(timer);
  }, [sharing, eventId]);
  if (detail.data?.sharing === 'not_in_area') return null;
  if (sharing)
    return (
      <div
        data-testid="emg-sharing"
        style={{ background: '#fff1f0', padding: 6, borderRadius: 6, margin: '6px 0' }}
      >
        📍 {t('emgSharing')}{' '}
        <Button
          size="mini"
          onClick={() =>
            void ok(
              api.POST('/api/v1/emergency-events/{id}/location/stop', { params: { path: { id: eventId } } }),
            ).then(() => setOn(false))
          }
        >
          {t('emgStopShare')}
        </Button>
      </div>
    );
  return (
    <Button
      size="small"
      data-testid="emg-share"
      style={{ margin: '6px 0' }}
      onClick={async () => {
        if (!(await Dialog.confirm({ content: t('emgShareConsent') }))) return;
        await ok(api.POST('/api/v1/emergency-events/{id}/location', { params: { path: { id: eventId } } }));
        setOn(true);
      }}
    >
      {t('emgShare')}
    </Button>
  );
}

/** A request for help from the scene: an urgent case at once (needs the network). */
function HelpButton({ eventId, gridCode }: { eventId: number; gridCode: string | undefined }) {
  const [text, setText] = useState('');
  if (!gridCode) return null;
  return (
    <div style={{ display: 'flex', gap: 6, margin: '6px 0' }}>
      <Input placeholder={t('emgHelpText')} value={text} onChange={setText} data-testid="emg-help-text" />
      <Button
        size="small"
        color="danger"
        disabled={text.trim().length < 4}
        onClick={async () => {
          const r = await ok(
            api.POST('/api/v1/emergency-events/{id}/help', {
              params: { path: { id: eventId } },
              body: { description: text.trim(), gridCode, clientRequestId: crypto.randomUUID() },
            }),
          );
          setText('');
          Toast.show(t('emgHelpSent', { number: r.number }));
        }}
      >
        {t('emgHelp')}
      </Button>
    </div>
  );
}
