import { Button, Checkbox, ProgressBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok } from '../net.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';

/** '#/meetings': the meetings of my village, newest first; village staff record attendance; everyone sees resolutions. */
export function MeetingsScreen({ me }: { me: Me }) {
  const list = useFetch(
    `meetings.${me.username}`,
    () => ok(api.GET('/api/v1/meetings', { params: { query: { limit: 30 } } })),
    [],
  );
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <div className="page" data-testid="meetings-screen">
      <div className="page-title">{t('mtgTitle')}</div>
      {list.data && list.data.items.length === 0 && <div className="muted">{t('mtgNone')}</div>}
      {(list.data?.items ?? []).map((m) => (
        <div key={m.id} className="card" style={{ margin: '8px 0' }} data-testid={`meeting-${m.id}`}>
          <button
            type="button"
            style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
            onClick={() => setOpenId(openId === m.id ? null : m.id)}
          >
            <strong>{m.title}</strong>
            <div className="muted">
              {m.heldOn} · {m.regionName} ·{' '}
              {m.state === 'held' ? t('mtgAttendance', { a: m.attended, n: m.invited }) : t('mtgPlanned')}
            </div>
          </button>
          {openId === m.id && <MeetingCard id={m.id} mayRecord={me.abilities.includes('meetings.convene')} />}
        </div>
      ))}
    </div>
  );
}

function MeetingCard({ id, mayRecord }: { id: number; mayRecord: boolean }) {
  const [tick, setTick] = useState(0);
  const d = useFetch(null, () => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })), [
    id,
    tick,
  ]);
  const [present, setPresent] = useState<number[] | null>(null);
  const m = d.data;
  if (!m) return null;
  const attended = present ?? m.participants.filter((p) => p.attended).map((p) => p.id);
  const record = async () => {
    try {
      await ok(
        api.POST('/api/v1/meetings/{id}/record', {
          params: { path: { id } },
          body: { attended, version: m.version },
        }),
      );
      Toast.show({ content: t('mtgRecorded') });
      setPresent(null);
      setTick((n) => n + 1);
    } catch (err) {
      Toast.show({ content: failText(err) });
    }
  };
  return (
    <div style={{ marginTop: 8 }}>
      <Checkbox.Group value={attended} onChange={(v) => setPresent(v as number[])} disabled={!mayRecord}>
        {m.participants.map((p) => (
          <div key={p.id} style={{ padding: '4px 0' }}>
            <Checkbox value={p.id} data-testid={`participant-${p.id}`}>
              {p.name}
            </Checkbox>
          </div>
        ))}
      </Checkbox.Group>
      {mayRecord && (
        <Button size="small" color="primary" onClick={() => void record()} data-testid="meeting-record">
          {t('mtgRecord')}
        </Button>
      )}
      <h4 style={{ margin: '12px 0 4px' }}>{t('mtgResolutions')}</h4>
      {m.resolutionList.map((r) => (
        <div key={r.id} style={{ margin: '6px 0' }}>
          <div>{r.text}</div>
          <div className="muted">
            {t('mtgResponsible', { who: r.responsible })} · {t(`mtgRes_${r.status}` as 'mtgRes_done')}
          </div>
          <ProgressBar percent={r.progress} text />
        </div>
      ))}
    </div>
  );
}
