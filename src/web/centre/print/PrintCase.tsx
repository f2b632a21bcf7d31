import { Alert, Spin } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { useCategoryName } from '../common/useCategoryNames.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { CaseDetail } from '../types.js';
import { PrintFrame } from './PrintFrame.js';

const PHASES = ['before', 'after', 'evidence'] as const;

/**
 * 案卷: a case's whole file on A4 — facts, place, every step with its actor and time, the photos
 * (before / after, through the photos module), the evaluation and the signature lines. The data
 * is the case detail the centre already shows (contact masked).
 */
export function PrintCase({ id }: { id: number }) {
  const { t, label, lang } = useLang();
  const catName = useCategoryName();
  const res = useLoad(() => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })), [id]);
  const c = res.data;
  if (res.error !== undefined && !c)
    return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!c) return <Spin fullscreen />;
  const dash = '—';
  return (
    <PrintFrame
      running={[
        `${c.gridName} · ${c.number}`,
        `${t('print.caseFile')} · ${fmtTime(new Date().toISOString())}`,
      ]}
      ready
    >
      <h1 data-testid="print-title">{t('print.caseTitle')}</h1>
      <div className="wg-sub">
        {t('rep.number')}：<b data-testid="print-case-number">{c.number}</b>
        {'\u3000'}
        {label('state', c.state)}
      </div>
      <h2>{t('print.facts')}</h2>
      <table className="wg-grid">
        <tbody>
          <tr>
            <th style={{ width: '18%' }}>{t('case.category')}</th>
            <td>
              {catName(c.categoryCode, c.categoryName)}（{c.categoryCode}）
            </td>
            <th style={{ width: '18%' }}>{t('case.source')}</th>
            <td>{label('source', c.source)}</td>
          </tr>
          <tr>
            <th>{t('case.reportedAt')}</th>
            <td>{fmtTime(c.reportedAt)}</td>
            <th>{t('case.closedAt')}</th>
            <td>{c.closedAt ? fmtTime(c.closedAt) : dash}</td>
          </tr>
          <tr>
            <th>{t('case.tier')}</th>
            <td>{label('tier', c.tier)}</td>
            <th>{t('case.urgency')}</th>
            <td>{label('urgency', c.urgency)}</td>
          </tr>
          <tr>
            <th>{t('case.department')}</th>
            <td>{c.departmentName ?? dash}</td>
            <th>{t('case.deadline')}</th>
            <td>
              {c.deadlineAt ? fmtTime(c.deadlineAt) : dash}
              {c.overdueCount > 0 ? `（${t('case.overdueCount')} ${c.overdueCount}）` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('case.reporter')}</th>
            <td>{c.reporterName ?? dash}</td>
            <th>{t('case.contact')}</th>
            <td>{c.reporterContact ?? dash}</td>
          </tr>
          <tr>
            <th>{t('case.description')}</th>
            <td colSpan={3} className="wg-note" data-testid="print-case-description">
              {c.description}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{t('print.place')}</h2>
      <table className="wg-grid">
        <tbody>
          <tr>
            <th style={{ width: '18%' }}>{t('case.grid')}</th>
            <td>
              {c.gridName}（{c.gridCode}）
            </td>
          </tr>
          <tr>
            <th>{t('case.address')}</th>
            <td>{c.address ?? dash}</td>
          </tr>
          <tr>
            <th>{t('print.coords')}</th>
            <td>{c.lat !== null && c.lng !== null ? `${c.lat.toFixed(6)}, ${c.lng.toFixed(6)}` : dash}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('print.timeline')}</h2>
      <table className="wg-grid" data-testid="print-timeline">
        <thead>
          <tr>
            <th style={{ width: '17%' }}>{t('rep.when')}</th>
            <th style={{ width: '15%' }}>{t('print.step')}</th>
            <th style={{ width: '22%' }}>{t('print.actor')}</th>
            <th>{t('print.note')}</th>
          </tr>
        </thead>
        <tbody>
          {c.history.map((h, i) => (
            <tr key={i}>
              <td>{fmtTime(h.at)}</td>
              <td>
                {lang === 'zh' ? h.actionName : label('action', h.action)}
                <br />→ {label('state', h.toState)}
                {h.onTime === false ? `（${t('tl.late')}）` : ''}
              </td>
              <td>
                {h.actorName ?? dash}
                {h.actorRole ? `（${label('role', h.actorRole)}）` : ''}
                {h.departmentName && h.departmentName !== h.actorName ? <div>{h.departmentName}</div> : null}
              </td>
              <td className="wg-note">
                {h.note ?? ''}
                {h.deadlineAt ? (
                  <div>
                    {t('tl.deadline')}：{fmtTime(h.deadlineAt)}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Photos c={c} />
      <section className="wg-keep">
        <h2>{t('print.evaluation')}</h2>
        <table className="wg-grid">
          <tbody>
            <tr>
              <th style={{ width: '18%' }}>{t('print.rating')}</th>
              <td data-testid="print-case-evaluation">{c.evaluation ? label('eval', c.evaluation) : dash}</td>
            </tr>
            <tr>
              <th>{t('print.comment')}</th>
              <td className="wg-note">{c.evaluationComment ?? dash}</td>
            </tr>
          </tbody>
        </table>
        <div className="wg-signs" data-testid="print-signatures">
          <div>
            {t('print.handler')}：<span />
          </div>
          <div>
            {t('print.reviewer')}：<span />
          </div>
          <div>
            {t('print.archived')}：<span />
          </div>
        </div>
      </section>
    </PrintFrame>
  );
}

/** Before / after / other photos, the public (EXIF-free) copy of each. */
function Photos({ c }: { c: CaseDetail }) {
  const { t, label } = useLang();
  if (!c.photos.length) return null;
  return (
    <section>
      <h2>{t('print.photos')}</h2>
      {PHASES.map((phase) => {
        const list = c.photos.filter(
          (p) =>
            p.phase === phase || (phase === 'evidence' && !(PHASES as readonly string[]).includes(p.phase)),
        );
        if (!list.length) return null;
        return (
          <div key={phase} className="wg-photos" style={{ marginBottom: '3mm' }}>
            {list.map((p, n) => (
              <figure key={p.id}>
                <img src={p.url} alt={`${label('photo', phase)} ${n + 1}`} data-testid="print-photo" />
                <figcaption>
                  {label('photo', phase)} {n + 1}
                  {p.takenAt ? ` · ${fmtTime(p.takenAt)}` : ''}
                </figcaption>
              </figure>
            ))}
          </div>
        );
      })}
    </section>
  );
}
