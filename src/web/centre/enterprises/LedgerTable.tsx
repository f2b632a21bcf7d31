import { Button, Space, Table, Tag, type TableProps } from 'antd';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import type { HelpEntry } from './types.js';

const STATE_COLOUR = { recorded: 'default', open: 'orange', solved: 'green', raised: 'blue' } as const;

/**
 * Rows of the help ledger: visits, problems and how each was solved, or the case it became. `table`
 * is the Table's data and paging (the page's server list from useListTable, or an enterprise's
 * entries without paging).
 */
export function LedgerTable({
  table,
  onSolve,
  onRaise,
  testId,
}: {
  table: TableProps<HelpEntry>;
  onSolve?: (n: HelpEntry) => void;
  onRaise?: (n: HelpEntry) => void;
  testId: string;
}) {
  const { t } = useLang();
  const { can } = useSession();
  return (
    <Table<HelpEntry>
      rowKey="id"
      size="small"
      {...table}
      data-testid={testId}
      columns={[
        { title: t('ent.ledger.on'), dataIndex: 'happenedOn', width: 100 },
        { title: t('ent.name'), dataIndex: 'enterpriseName', width: 180 },
        { title: t('ent.ledger.cadre'), dataIndex: 'cadreName', width: 90 },
        {
          title: t('ent.ledger.kind'),
          dataIndex: 'kind',
          width: 70,
          render: (k: HelpEntry['kind']) => t(`ent.ledger.kind.${k}`),
        },
        { title: t('ent.ledger.note'), dataIndex: 'note' },
        {
          title: t('ent.ledger.state'),
          dataIndex: 'state',
          width: 170,
          render: (s: HelpEntry['state'], n) => (
            <Space size={4} wrap>
              <Tag color={STATE_COLOUR[s]}>{t(`ent.ledger.state.${s}`)}</Tag>
              {n.caseId ? (
                <Button size="small" type="link" onClick={() => navigate(`/cases/${n.caseId}`)}>
                  {n.caseNumber}
                </Button>
              ) : null}
            </Space>
          ),
        },
        {
          title: t('ent.ledger.solution'),
          dataIndex: 'solution',
          render: (s: string | null, n) => (s ? `${s}（${n.solvedOn}）` : '—'),
        },
        ...(onSolve || onRaise
          ? [
              {
                title: '',
                key: 'act',
                width: 170,
                render: (_: unknown, n: HelpEntry) =>
                  n.state === 'open' ? (
                    <Space size={4}>
                      {onSolve && can('enterprises.help') ? (
                        <Button size="small" onClick={() => onSolve(n)} data-testid={`ent-solve-${n.id}`}>
                          {t('ent.solve')}
                        </Button>
                      ) : null}
                      {onRaise && can('enterprises.raise_case') ? (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => onRaise(n)}
                          data-testid={`ent-raise-${n.id}`}
                        >
                          {t('ent.raise')}
                        </Button>
                      ) : null}
                    </Space>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
