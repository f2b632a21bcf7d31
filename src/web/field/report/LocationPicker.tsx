import { useEffect, useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ApiFailure, ok, timeout } from '../net.js';
import type { Spot } from '../offline/db.js';
import type { Me, Outline } from '../types.js';
import { MapView } from './MapView.js';

type Place = { code: string; name: string } | 'outside' | null;
const outlines = new Map<string, Outline | null>();

type Props = {
  me: Me;
  spot: Spot | null;
  useMyGrid: boolean;
  onSpot: (s: Spot | null) => void;
  onUseMyGrid: (v: boolean) => void;
  error?: string;
};

/**
 * Where the problem is: the phone's position (WGS-84) on a small map with a
 * draggable pin, or — when there is no position — "my grid" (the account's grid).
 */
export function LocationPicker({ me, spot, useMyGrid, onSpot, onUseMyGrid, error }: Props) {
  const [locating, setLocating] = useState(false);
  const [failed, setFailed] = useState(false);
  const [place, setPlace] = useState<Place>(null);
  const [outline, setOutline] = useState<Outline | null>(null);
  const myGrid = me.scope.level === 'grid';

  function locate() {
    if (!navigator.geolocation) return setFailed(true);
    setLocating(true);
    setFailed(false);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        onUseMyGrid(false);
        onSpot({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) });
      },
      () => {
        setLocating(false);
        setFailed(true);
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  useEffect(() => {
    if (!spot && !useMyGrid) locate();
    // first visit only
  }, []);

  // which grid the pin is in (and its outline, when this account may see it)
  useEffect(() => {
    if (!spot || !navigator.onLine) return setPlace(null);
    let live = true;
    const id = setTimeout(async () => {
      try {
        const res = await ok(
          api.GET('/api/v1/grids/locate', {
            params: { query: { lat: spot.lat, lng: spot.lng } },
            signal: timeout(10_000),
          }),
        );
        if (!live) return;
        setPlace({ code: res.grid.code, name: res.grid.name });
        if (!outlines.has(res.grid.code)) {
          const g = await ok(
            api.GET('/api/v1/grids/{code}', {
              params: { path: { code: res.grid.code } },
              signal: timeout(10_000),
            }),
          ).catch(() => null);
          outlines.set(res.grid.code, g?.geometry ?? null);
        }
        if (live) setOutline(outlines.get(res.grid.code) ?? null);
      } catch (err) {
        if (live) setPlace(err instanceof ApiFailure && err.status === 404 ? 'outside' : null);
      }
    }, 400);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [spot?.lat, spot?.lng]);

  if (useMyGrid) {
    return (
      <div data-testid="location">
        <div className="cat-chosen" data-testid="location-my-grid">
          <EnvironmentOutlined /> {t('usingMyGrid', { name: me.scope.name })}
        </div>
        {failed && <div className="error-text">{t('locateFailed')}</div>}
        <Button block style={{ marginTop: 8 }} onClick={locate} loading={locating} data-testid="locate">
          <AimOutlined /> {t('useGps')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="location">
      {spot && <MapView spot={spot} polygon={outline} onMove={(lat, lng) => onSpot({ lat, lng })} />}
      {locating && (
        <p className="muted">
          {t('locating')} <DotLoading />
        </p>
      )}
      {spot && (
        <p style={{ margin: '6px 0' }} data-testid="location-text">
          {place === 'outside' ? (
            <span className="error-text">{t('outsideGrid')}</span>
          ) : (
            place && <b>{t('inGrid', { name: place.name })}</b>
          )}
          {spot.accuracy !== undefined && (
            <span className="muted">
              {place ? ' · ' : ''}
              {t('accuracy', { m: spot.accuracy })}
            </span>
          )}
          <br />
          <span className="muted">{t('dragHint')}</span>
        </p>
      )}
      {failed && <div className="error-text">{t('locateFailed')}</div>}
      {error && <div className="error-text">{error}</div>}
      <div className="row" style={{ marginTop: 8 }}>
        <Button className="grow" onClick={locate} loading={locating} data-testid="locate">
          <AimOutlined /> {spot ? t('locateAgain') : t('locateMe')}
        </Button>
      </div>
      {myGrid && (
        <Button
          block
          fill="outline"
          style={{ marginTop: 8 }}
          onClick={() => onUseMyGrid(true)}
          data-testid="use-my-grid"
        >
          {t('useMyGrid', { name: me.scope.name })}
        </Button>
      )}
    </div>
  );
}
