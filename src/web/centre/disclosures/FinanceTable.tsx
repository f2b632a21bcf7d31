import { Table, Typography } from 'antd';
import { useLang } from '../lang.js';
import { yuan, type DisclosureDetail, type FinanceLine } from './bits.js';

/** The finance lines with the server's totals as the table's summary row. */
export function FinanceTable({
  lines,
  totals,
}: {
  lines: FinanceLine[];
  totals: NonNullable<DisclosureDetail['totals']>;
}) {
  const { t } = useLang();
  const money = (v: number) => (v ? yuan(v) : '');
  return (
    <div data-testid="finance-table" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('disclosures.lines')}</Typography.Title>
      <Table<FinanceLine & { key: number }>
        size="small"
        pagination={false}
        bordered
        dataSource={lines.map((l, key) => ({ ...l, key }))}
        columns={[
          { title: t('disclosures.item'), dataIndex: 'item' },
          { title: t('disclosures.income'), dataIndex: 'income', align: 'right', width: 150, render: money },
          {
            title: t('disclosures.expense'),
            dataIndex: 'expense',
            align: 'right',
            width: 150,
            render: money,
          },
        ]}
        summary={() => (
          <>
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('disclosures.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <span data-testid="total-income">{yuan(totals.income)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <span data-testid="total-expense">{yuan(totals.expense)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('disclosures.balance')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} colSpan={2} align="right">
                <b data-testid="total-balance">{yuan(totals.balance)}</b>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
    </div>
  );
}
