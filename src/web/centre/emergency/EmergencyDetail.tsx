import {
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useAreaLive } from '../live.js';
import { createMap } from '../map/base.js';
import { appendCallButtons } from '../calls/popup-call.js';
import { ChecksCard } from './ChecksCard.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

type EventMap =
  paths['/api/v1/emergency-events/{id}/map']['get']['responses'][200]['content']['application/json'];

/** Marker colours by status (grey: not yet checked). */
export const STATUS_COLOURS: Record<string, string> = {
  pending: '#bfbfbf',
  safe: '#52c41a',
  evacuated: '#1677ff',
  needs_help: '#f5222d',
  unreachable: '#fa8c16',
};
const STATUSES = ['pending', 'safe', 'evacuated', 'needs_help', 'unreachable'] as const;
const KEY = {
  pending: 'pending',
  safe: 'safe',
  evacuated: 'evacuated',
  needs_help: 'needsHelp',
  unreachable: 'unreachable',
} as const;

/** One event: counts, the live map filling in (server-sent events), by region, close. */
export function EmergencyDetail({ id }: { id: number }) {
  const { t, label } = useLang();
  const detail = useLoad(
    () => ok(api.GET('/api/v1/emergency-events/{id}', { params: { path: { id } } })),
    [id],
  );
  const [map, setMap] = useState<EventMap>();
  const [note, setNote] = useState('');
  const declared = detail.data?.state === 'declared';
  // the map fills in live: each report, position or closing in my scope (server-sent events on
  // /events, emergency/live.ts) reloads it, at most every half second while they stream in
  const [stamp, setStamp] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useAreaLive((ev) => {
    if (!ev.type.startsWith('area.emergency.') || ev.about?.id !== id) return;
    if (ev.type === 'area.emergency.closed') detail.reload();
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setStamp((n) => n + 1);
    }, 500);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/emergency-events/{id}/map', { params: { path: { id }, query: {} } })).then(
      (m) => live && setMap(m as EventMap),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, stamp, declared]);
  const close = async () => {
    await ok(
      api.POST('/api/v1/emergency-events/{id}/actions/close', {
        params: { path: { id } },
        body: note ? { note } : {},
      }),
    );
    detail.reload();
  };
  const e = detail.data;
  const counts = map?.counts;
  const done = counts ? counts.total - counts.pending : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="emg-detail">
      <Button onClick={() => navigate('/emergency')}>{t('emg.back')}</Button>
      {e && (
        <Typography.Title level={4} style={{ margin: 0 }}>
          {e.title} <Tag color={declared ? 'red' : 'default'}>{label('emg.state', e.state)}</Tag>
        </Typography.Title>
      )}
      <Row gutter={12}>
        <Col span={4}>
          <Statistic title={t('emg.total')} value={counts?.total ?? 0} />
        </Col>
        <Col span={4}>
          <Statistic title={t('emg.checked')} value={done} data-testid="emg-checked" />
        </Col>
        {STATUSES.slice(1).map((s) => (
          <Col span={4} key={s}>
            <Statistic
              title={label('emg.status', s)}
              value={counts?.[KEY[s]] ?? 0}
              valueStyle={{ color: STATUS_COLOURS[s] }}
              data-testid={`emg-count-${s}`}
            />
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={declared ? t('emg.live') : undefined}>
            <LiveMap data={map} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('emg.byRegion')}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              data-testid="emg-by-region"
              dataSource={map?.byRegion ?? []}
              columns={[
                { title: t('emg.region'), dataIndex: 'name' },
                { title: t('emg.total'), render: (_, r) => r.counts.total },
                { title: t('emg.checked'), render: (_, r) => r.counts.total - r.counts.pending },
                { title: label('emg.status', 'needs_help'), render: (_, r) => r.counts.needsHelp || '' },
              ]}
            />
          </Card>
          {e?.summary && (
            <Card size="small" title={t('emg.summary')} style={{ marginTop: 12 }}>
              <Descriptions size="small" column={1} data-testid="emg-summary">
                <Descriptions.Item label={t('emg.checked')}>
                  {e.summary.checked}/{e.summary.total}
                </Descriptions.Item>
                <Descriptions.Item label={label('emg.status', 'unreachable')}>
                  {e.summary.unreachable}
                </Descriptions.Item>
                <Descriptions.Item label={label('emg.status', 'evacuated')}>
                  {e.summary.evacuated}
                </Descriptions.Item>
                <Descriptions.Item label={t('emg.helpGiven')}>{e.summary.helpGiven}</Descriptions.Item>
              </Descriptions>
              {e.closeNote && <Typography.Paragraph>{e.closeNote}</Typography.Paragraph>}
            </Card>
          )}
          {e?.actions.includes('close') && (
            <Card size="small" style={{ marginTop: 12 }}>
              <Input.TextArea
                placeholder={t('emg.closeNote')}
                value={note}
                onChange={(x) => setNote(x.target.value)}
              />
              <Popconfirm title={t('emg.close')} onConfirm={() => void close()}>
                <Button danger style={{ marginTop: 8 }} data-testid="emg-close">
                  {t('emg.close')}
                </Button>
              </Popconfirm>
            </Card>
          )}
        </Col>
      </Row>
      <ChecksCard id={id} stamp={stamp} colours={STATUS_COLOURS} />
    </Space>
  );
}

/** The households as coloured markers, and the workers sharing their location. */
function LiveMap({ data }: { data: EventMap | undefined }) {
  const { t, label } = useLang();
  const { can } = useSession();
  // 视频连线 from the map: a household's point calls its grid's worker, a worker's marker that worker
  const call = can('calls.place') ? { video: t('call.video'), voice: t('call.voice') } : undefined;
  const popup = (title: string, target: Parameters<typeof appendCallButtons>[1]) => () => {
    const box = document.createElement('div');
    box.dataset.testid = 'emg-popup';
    const b = document.createElement('b');
    b.textContent = title;
    box.append(b);
    if (call) appendCallButtons(box, target, call);
    return box;
  };
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);
  useEffect(() => {
    const map = createMap(el.current!);
    mapRef.current = map;
    layerRef.current = L.layerGroup().addTo(map);
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer || !data) return;
    layer.clearLayers();
    // the points are drawn on a canvas: the map tells how many of each status it drew (data-points)
    const drawn: Record<string, number> = {};
    for (const p of data.points) {
      drawn[p.status] = (drawn[p.status] ?? 0) + 1;
      L.circleMarker([p.lat, p.lng], {
        radius: 5,
        color: '#fff',
        weight: 1,
        fillColor: STATUS_COLOURS[p.status] ?? '#999',
        fillOpacity: 0.95,
        className: `emg-point emg-${p.status}`,
      })
        .bindPopup(popup(label('emg.status', p.status), { about: { type: 'grid', code: p.gridCode } }))
        .addTo(layer);
    }
    el.current!.dataset.points = JSON.stringify(drawn);
    for (const w of data.workers)
      L.marker([w.lat, w.lng], {
        title: w.name,
        icon: L.divIcon({ className: 'emg-worker', html: '📍', iconSize: [22, 22], iconAnchor: [11, 20] }),
      })
        .bindTooltip(w.name)
        .bindPopup(popup(w.name, { about: { type: 'grid', code: w.gridCode }, calleeId: w.accountId }))
        .addTo(layer);
    if (!fitted.current && data.bounds) {
      const [a, b, c, d] = data.bounds;
      map.fitBounds([
        [b, a],
        [d, c],
      ]);
      fitted.current = true;
    }
  }, [data]);
  return <div ref={el} className="wg-map" style={{ height: 480 }} data-testid="emg-map" />;
}
