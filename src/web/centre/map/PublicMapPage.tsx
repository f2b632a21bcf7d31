import { Alert, Card, Checkbox, List, Space, Tag, Typography } from 'antd';
import * as L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { escapeHtml } from '../cases/CaseMap.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { createMap } from './base.js';

const OPEN = '#d46b08';
const FIXED = '#389e0d';

/**
 * 问题地图 for residents (FixMyStreet-style, GET /public/map/{county}, no sign-in): the county's
 * open and recently fixed problems, optionally near the visitor's position, with no personal data.
 */
export default function PublicMapPage({ county }: { county: string }) {
  const { t, lang } = useLang();
  const [near, setNear] = useState<{ lng: number; lat: number } | null>(null);
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/public/map/{county}', {
          params: { path: { county }, query: near ? { ...near, km: 3 } : {} },
        }),
      ),
    [county, near?.lng, near?.lat],
  );
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const d = res.data;

  useEffect(() => {
    if (!d || !el.current) return;
    const m = map.current ?? createMap(el.current, d.base);
    map.current = m;
    const g = L.featureGroup();
    for (const i of d.items) {
      const fixed = i.status === 'fixed';
      L.circleMarker([i.lat, i.lng], {
        radius: 7,
        color: '#fff',
        weight: 1.5,
        fillColor: fixed ? FIXED : OPEN,
        fillOpacity: 0.9,
      })
        .bindPopup(
          `<b>${escapeHtml(lang === 'zh' ? i.category : i.categoryEn)}</b> · ${escapeHtml(
            t(fixed ? 'maps.public.fixed' : 'maps.public.open'),
          )}<br/>${escapeHtml(i.summary)}<br/><small>${escapeHtml(i.place)} · ${i.reportedOn}${
            i.fixedOn ? ` → ${i.fixedOn}` : ''
          }</small>`,
        )
        .addTo(g);
    }
    g.addTo(m);
    if (g.getBounds().isValid()) m.fitBounds(g.getBounds(), { padding: [20, 20], maxZoom: 15 });
    return () => {
      g.remove();
    };
  }, [d, lang, t]);
  useEffect(
    () => () => {
      map.current?.remove();
    },
    [],
  );

  const askNear = (on: boolean) => {
    if (!on) return setNear(null);
    navigator.geolocation?.getCurrentPosition(
      (p) => setNear({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => setNear(null),
    );
  };

  if (res.error)
    return (
      <Alert
        style={{ margin: 24 }}
        type="info"
        showIcon
        title={t('maps.public.off')}
        description={errorText(res.error, lang)}
        data-testid="public-map-off"
      />
    );
  return (
    <Space direction="vertical" style={{ width: '100%', padding: 16 }} data-testid="public-map">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('maps.public.title', { county: d?.county.name ?? county })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('maps.public.intro')}</Typography.Text>
      <Space>
        <Checkbox onChange={(e) => askNear(e.target.checked)}>{t('maps.public.near')}</Checkbox>
        {d && <span data-testid="public-map-count">{t('maps.public.count', { n: d.items.length })}</span>}
        <Tag color={OPEN}>{t('maps.public.open')}</Tag>
        <Tag color={FIXED}>{t('maps.public.fixed')}</Tag>
      </Space>
      <div
        ref={el}
        style={{ height: 480, width: '100%', background: '#f5f5f5' }}
        data-testid="public-map-canvas"
      />
      <Card size="small">
        <List
          size="small"
          dataSource={d?.items.slice(0, 50) ?? []}
          renderItem={(i) => (
            <List.Item data-testid="public-map-item">
              <Space wrap>
                <Tag color={i.status === 'fixed' ? FIXED : OPEN}>
                  {t(i.status === 'fixed' ? 'maps.public.fixed' : 'maps.public.open')}
                </Tag>
                <b>{lang === 'zh' ? i.category : i.categoryEn}</b>
                <span>{i.summary}</span>
                <Typography.Text type="secondary">
                  {i.place} · {i.reportedOn}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
