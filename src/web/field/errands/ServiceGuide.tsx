import { pick, t } from '../i18n.js';
import { promiseText, tk, type ServiceItem } from './bits.js';

/** A service item's guide in plain words: how it works, what to have ready, where and how long. */
export function ServiceGuide({ item }: { item: ServiceItem }) {
  return (
    <div data-testid="service-guide">
      <div className="field-label">{t('errandsGuide')}</div>
      <p style={{ margin: 0, fontSize: 17 }}>{pick(item.guideZh, item.guideEn)}</p>
      {item.materials.length > 0 && (
        <>
          <div className="field-label">{t('errandsMaterials')}</div>
          <ul style={{ margin: 0, paddingLeft: 22, fontSize: 17 }}>
            {item.materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
      <div className="kv" style={{ marginTop: 8 }}>
        <span className="k">{t('errandsWhere')}</span>
        <span>{tk('errandsAt', item.handledAt)}</span>
      </div>
      <div className="kv">
        <span className="k">{t('errandsPromise')}</span>
        <span>{promiseText(item.promiseDays)}</span>
      </div>
    </div>
  );
}
