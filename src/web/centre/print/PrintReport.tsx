import { Alert, Spin } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { changeText, periodText, valueText, type Report } from '../reports/format.js';
import { PrintFrame } from './PrintFrame.js';

/** A kept report on A4: title, period, figures with 环比/同比, the units, the lists, signature lines. */
export function PrintReport({ id }: { id: number }) {
  const { t, lang } = useLang();
  const res = useLoad(() => ok(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })), [id]);
  const r = res.data;
  if (res.error !== undefined && !r)
    return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!r) return <Spin fullscreen />;
  const name = (v: { nameZh: string; nameEn: string }) => (lang === 'zh' ? v.nameZh : v.nameEn);
  const byCode = new Map(r.values.map((v) => [v.code, v]));
  const regionCodes = Object.keys(r.byRegion[0]?.values ?? {});
  const title = `${r.regionName}${lang === 'zh' ? '' : ' '}${t(`rep.short.${r.kind}`)}`;
  return (
    <PrintFrame running={[r.trail.join(' · '), `${t(`rep.kind.${r.kind}`)} · ${periodText(r, lang)}`]} ready>
      <h1 data-testid="print-title">{title}</h1>
      <div className="wg-sub">
        {t('rep.period')}：{periodText(r, lang)}
        {'\u3000'}
        {t('print.madeAt')}：{fmtTime(r.generatedAt)}
        {'\u3000'}
        {r.generatedBy ?? t('rep.scheduled')}
      </div>
      <h2>{t('rep.figures')}</h2>
      <table className="wg-grid" data-testid="print-figures">
        <thead>
          <tr>
            <th>{t('rep.figure')}</th>
            <th className="num">{t('rep.value')}</th>
            <th className="num">{t('rep.previous')}</th>
            <th className="num">{t('rep.changePrevious')}</th>
            <th className="num">{t('rep.yearBefore')}</th>
            <th className="num">{t('rep.changeYear')}</th>
          </tr>
        </thead>
        <tbody>
          {r.values.map((v) => (
            <tr key={v.code}>
              <td>{name(v)}</td>
              <td className="num" data-testid={`print-figure-${v.code}`}>
                {valueText(v.value, v.unit)}
              </td>
              <td className="num">{valueText(v.previous, v.unit)}</td>
              <td className="num">{changeText(v.changePrevious)}</td>
              <td className="num">{valueText(v.yearBefore, v.unit)}</td>
              <td className="num">{changeText(v.changeYear)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.byRegion.length > 0 && (
        <>
          <h2>{t('rep.byRegion')}</h2>
          <table className="wg-grid">
            <thead>
              <tr>
                <th>{t('rep.region')}</th>
                {regionCodes.map((c) => (
                  <th key={c} className="num">
                    {byCode.get(c) ? name(byCode.get(c)!) : c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.byRegion.map((x) => (
                <tr key={x.code}>
                  <td>{x.name}</td>
                  {regionCodes.map((c) => (
                    <td key={c} className="num">
                      {valueText(x.values[c] ?? null, byCode.get(c)?.unit ?? 'count')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Signatures />
      {Object.entries(r.lists)
        .filter(([, l]) => l.total > 0)
        .map(([code, l], i) => (
          <section key={code} className={i === 0 ? 'wg-break' : undefined}>
            {i === 0 && <h2>{t('rep.lists')}</h2>}
            <h3>
              {t('rep.listOf', { name: byCode.get(code) ? name(byCode.get(code)!) : code, n: l.total })}
            </h3>
            {l.total > l.items.length && <p>{t('rep.listMore', { shown: l.items.length })}</p>}
            <ListTable items={l.items} />
          </section>
        ))}
    </PrintFrame>
  );
}

function ListTable({ items }: { items: Report['lists'][string]['items'] }) {
  const { t, label } = useLang();
  return (
    <table className="wg-grid">
      <thead>
        <tr>
          <th>{t('rep.number')}</th>
          <th>{t('rep.when')}</th>
          <th>{t('rep.category')}</th>
          <th>{t('rep.grid')}</th>
          <th>{t('rep.state')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>{i.number}</td>
            <td>{fmtTime(i.at)}</td>
            <td>{i.category ?? '—'}</td>
            <td>{i.grid ?? '—'}</td>
            <td>{i.state ? label('state', i.state) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 填报人 / 审核人 / 负责人（签字）, the date and the seal, as a paper report has them. */
export function Signatures() {
  const { t } = useLang();
  return (
    <div className="wg-signs" data-testid="print-signatures">
      <div>
        {t('print.preparedBy')}：<span />
      </div>
      <div>
        {t('print.reviewedBy')}：<span />
      </div>
      <div>
        {t('print.chief')}：<span />
      </div>
      <div>
        {t('print.date')}：<span />
      </div>
      <div />
      <div>{t('print.seal')}</div>
    </div>
  );
}
