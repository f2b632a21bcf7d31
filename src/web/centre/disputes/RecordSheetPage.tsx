import { Button, Card, Space } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import './record-sheet.css';

/** 评理记录表 / 调解笔录 laid out for A4: the menu, header and buttons are hidden when printed. */
export function RecordSheetPage({ id }: { id: number }) {
  const { t, label } = useLang();
  const s = useLoad(() => ok(api.GET('/api/v1/mediation/sessions/{id}', { params: { path: { id } } })), [id]);
  const x = s.data;
  if (!x) return <Card loading={s.loading}>{s.error ? errorText(s.error) : null}</Card>;
  const row = (k: string, v: string | null | undefined) => (
    <tr>
      <th>{k}</th>
      <td colSpan={3}>{v ?? ''}</td>
    </tr>
  );
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(`/disputes/${x.dispute.id}`)}>←</Button>
        <Button type="primary" data-testid="print-sheet" onClick={() => window.print()}>
          {t('disputes.print')}
        </Button>
      </Space>
      <article className="record-sheet" data-testid="record-sheet">
        <h1>{x.outcome === 'agreed' ? '人民调解协议书 · 评理记录表' : '评理记录表（调解笔录）'}</h1>
        <p className="sheet-no">
          {x.dispute.number} · {x.place.name}
        </p>
        <table>
          <tbody>
            <tr>
              <th>{t('disputes.heldOn')}</th>
              <td>{x.heldOn}</td>
              <th>{t('disputes.place')}</th>
              <td>
                {x.place.name}
                {x.remote ? `（${t('disputes.remote')}）` : ''}
              </td>
            </tr>
            {row(t('disputes.type'), label('disputes.type', x.dispute.type))}
            {row(
              t('disputes.parties'),
              x.parties
                .map(
                  (p) =>
                    `${label('disputes.side', p.side)}：${p.name}${p.phoneMasked ? ` ${p.phoneMasked}` : ''}`,
                )
                .join('；'),
            )}
            {row(t('disputes.partiesPresent'), x.partiesPresent)}
            {row(
              t('disputes.mediators'),
              x.mediators.map((m) => m.name + (m.title ? `（${m.title}）` : '')).join('、'),
            )}
            {row(t('disputes.facts'), x.facts)}
            {row(t('disputes.applicantClaim'), x.applicantClaim)}
            {row(t('disputes.respondentClaim'), x.respondentClaim)}
            {row(t('disputes.outcome'), label('disputes.outcome', x.outcome))}
            {x.agreement && row(t('disputes.agreement'), x.agreement)}
            {x.failReason && row(t('disputes.failReason'), x.failReason)}
            <tr className="signatures">
              <th>签字</th>
              <td colSpan={3}>申请人：__________ 被申请人：__________ 调解员：__________</td>
            </tr>
          </tbody>
        </table>
        {x.photos.map((p) => (
          <img key={p.id} className="signed-paper" src={p.url} alt={t('disputes.signed')} />
        ))}
        <p className="sheet-foot">记录人：{x.recordedBy ?? ''}</p>
      </article>
    </div>
  );
}
