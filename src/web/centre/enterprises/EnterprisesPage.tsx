import { App, Button, Card, DatePicker, Input, Modal, Space, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useListTable } from '../common/useListTable.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { AddEnterprise } from './AddEnterprise.js';
import { CoverageCards } from './CoverageCards.js';
import { EnterpriseDrawer } from './EnterpriseDrawer.js';
import { EnterpriseRegistry } from './EnterpriseRegistry.js';
import { LedgerTable } from './LedgerTable.js';
import { RaiseModal } from './RaiseModal.js';
import type { HelpEntry } from './types.js';

/**
 * 两新组织 (J16, seeds 000 and 004): enterprises and social organisations on the grids of my scope,
 * their party coverage, the cadres sent to help them and the help ledger; an open problem can be
 * solved or raised as a case (`#/enterprises?tab=ledger&region=…`).
 */
export function EnterprisesPage({ route }: { route: Route }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const { can } = useSession();
  const [adding, setAdding] = useState(false);
  const region = route.query.get('region') ?? undefined;
  const tab = route.query.get('tab') ?? 'registry';
  const [ledgerPage, setLedgerPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState<HelpEntry | null>(null);
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  const go = (q: { tab?: string; region?: string }) => navigate('/enterprises', { tab, region, ...q }, true);
  const size = 20;
  const ledger = useLoad(
    () =>
      ok(
        api.GET('/api/v1/enterprises/help', {
          params: { query: { within: region, limit: size, offset: (ledgerPage - 1) * size } },
        }),
      ),
    [region, ledgerPage, tick],
  );
  const ledgerTable = useListTable<HelpEntry>({
    list: ledger,
    page: ledgerPage,
    pageSize: size,
    onPage: setLedgerPage,
    filter: region,
  });

  function solve(n: HelpEntry) {
    let solution = '';
    let solvedOn: Dayjs | null = dayjs();
    Modal.confirm({
      title: `${t('ent.solve')} · ${n.enterpriseName}`,
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            data-testid="ent-solve-text"
            placeholder={t('ent.ledger.solution')}
            onChange={(e) => (solution = e.target.value)}
          />
          <DatePicker data-testid="ent-solve-date" defaultValue={dayjs()} onChange={(d) => (solvedOn = d)} />
        </Space>
      ),
      onOk: async () => {
        try {
          await ok(
            api.POST('/api/v1/enterprises/help/{id}/solve', {
              params: { path: { id: n.id } },
              body: { solution, solvedOn: (solvedOn as Dayjs | null)?.format('YYYY-MM-DD') ?? '' },
            }),
          );
          changed();
        } catch (err) {
          void message.error(errorText(err, lang));
          throw err;
        }
      },
    });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space>
        <RegionPicker value={region} onChange={(r) => go({ region: r })} testId="ent-region" />
        {can('enterprises.manage') ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="ent-add-open">
            {t('ent.add')}
          </Button>
        ) : null}
      </Space>
      <CoverageCards within={region} tick={tick} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k })}
          items={[
            {
              key: 'registry',
              label: <span data-testid="ent-tab-registry">{t('ent.tab.registry')}</span>,
              children: <EnterpriseRegistry within={region} tick={tick} onOpen={setOpen} />,
            },
            {
              key: 'ledger',
              label: <span data-testid="ent-tab-ledger">{t('ent.tab.ledger')}</span>,
              children: (
                <LedgerTable
                  table={ledgerTable}
                  onSolve={solve}
                  onRaise={setRaising}
                  testId="ent-ledger-all"
                />
              ),
            },
          ]}
        />
      </Card>
      <EnterpriseDrawer
        id={open}
        tick={tick}
        onClose={() => setOpen(null)}
        onSolve={solve}
        onRaise={setRaising}
        onChanged={changed}
      />
      <AddEnterprise
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          changed();
        }}
      />
      <RaiseModal
        need={raising}
        onClose={() => setRaising(null)}
        onDone={(number) => {
          setRaising(null);
          void message.success(t('ent.raised', { number }));
          changed();
        }}
      />
    </Space>
  );
}
