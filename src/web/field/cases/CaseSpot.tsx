import { Button } from 'antd-mobile';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { t } from '../i18n.js';
import type { CaseDetail } from '../types.js';
import { isIos, navigationLinks } from './navigate.js';
import { SpotMap } from './SpotMap.js';

/** 现场位置 for the grid worker: the spot on a map and "navigate there" in the phone's map app. */
export function CaseSpot({ c }: { c: CaseDetail }) {
  const [choose, setChoose] = useState(false);
  const name = c.address ?? c.gridName;
  if (c.lat === null || c.lng === null)
    return (
      <div className="card muted" data-testid="spot-none">
        {t('noSpot', { grid: c.gridName })}
      </div>
    );
  const links = navigationLinks(c.lat, c.lng, name, isIos());
  return (
    <div className="card" data-testid="spot">
      <h2 className="card-title">{t('spotTitle')}</h2>
      <SpotMap lat={c.lat} lng={c.lng} label={`${t('spotTitle')}: ${name}`} />
      <Button
        block
        color="primary"
        fill="outline"
        style={{ marginTop: 10 }}
        onClick={() => setChoose(!choose)}
        aria-expanded={choose}
        data-testid="navigate"
      >
        <EnvironmentOutlined aria-hidden="true" /> {t('navigate')}
      </Button>
      {choose && (
        <div className="nav-apps" role="group" aria-label={t('navigateWith')}>
          <a className="nav-app" href={links.amap} data-testid="nav-amap">
            {t('mapAmap')}
          </a>
          <a className="nav-app" href={links.baidu} data-testid="nav-baidu">
            {t('mapBaidu')}
          </a>
          <a className="nav-app" href={links.geo} data-testid="nav-geo">
            {t('mapSystem')}
          </a>
        </div>
      )}
    </div>
  );
}
