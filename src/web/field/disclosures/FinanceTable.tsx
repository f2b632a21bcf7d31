import { t } from '../i18n.js';
import { yuan, type DisclosureDetail } from './bits.js';

const cell = { padding: '8px 4px', borderBottom: '1px solid #eee', fontSize: 16 } as const;
const num = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** Each line's income and spending with the totals the server computed; fits 360 px in three columns. */
export function FinanceTable({
  lines,
  totals,
}: {
  lines: DisclosureDetail['financeLines'];
  totals: NonNullable<DisclosureDetail['totals']>;
}) {
  return (
    <div className="card" data-testid="finance-table">
      <h3 style={{ margin: '0 0 6px', fontSize: 19 }}>{t('disclosuresLines')}</h3>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ color: '#555' }}>
            <th style={{ ...cell, textAlign: 'left' }}>{t('disclosuresItem')}</th>
            <th style={num}>{t('disclosuresIncome')}</th>
            <th style={num}>{t('disclosuresExpense')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td style={{ ...cell, wordBreak: 'break-all' }}>{l.item}</td>
              <td style={num}>{l.income ? yuan(l.income) : ''}</td>
              <td style={num}>{l.expense ? yuan(l.expense) : ''}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 700 }}>
            <td style={cell}>{t('disclosuresTotal')}</td>
            <td style={num} data-testid="total-income">
              {yuan(totals.income)}
            </td>
            <td style={num} data-testid="total-expense">
              {yuan(totals.expense)}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="kv" style={{ fontSize: 18, marginTop: 8 }}>
        <span className="k">{t('disclosuresBalance')}</span>
        <b data-testid="total-balance">{yuan(totals.balance)}</b>
      </div>
    </div>
  );
}
