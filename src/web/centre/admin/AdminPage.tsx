import { Card, Tabs } from 'antd';
import { useLang } from '../lang.js';
import { useSession } from '../session.js';
import { AccountsTab } from './AccountsTab.js';
import { AuditTab } from './AuditTab.js';
import { CategoriesTab } from './CategoriesTab.js';
import { KeysTab } from './KeysTab.js';
import { ExchangeTab } from './ExchangeTab.js';
import { CalendarTab } from './CalendarTab.js';
import { DepartmentsTab } from './DepartmentsTab.js';
import { RulesTab } from './RulesTab.js';
import { PointsRulesTab } from '../points/PointsRulesTab.js';
import { VisitPolicyTab } from '../visits/VisitPolicyTab.js';
import { ServiceItemsTab } from '../errands/ServiceItemsTab.js';

/** 系统管理 (accounts.manage): accounts, audit log, Open311 keys, data exchange, the category catalogue, escalation rules, the working calendar, visit intervals, points rules, service items. */
export function AdminPage() {
  const { t } = useLang();
  const { can, me } = useSession();
  const tabs = [
    { key: 'accounts', label: t('admin.accounts'), children: <AccountsTab />, show: can('accounts.manage') },
    { key: 'audit', label: t('admin.audit'), children: <AuditTab />, show: can('audit.read') },
    { key: 'keys', label: t('admin.keys'), children: <KeysTab />, show: me?.role === 'admin' },
    { key: 'exchange', label: t('admin.exchange'), children: <ExchangeTab />, show: can('exchange.manage') },
    { key: 'categories', label: t('admin.categories'), children: <CategoriesTab />, show: true },
    { key: 'rules', label: t('admin.rules'), children: <RulesTab />, show: can('cases.configure') },
    { key: 'calendar', label: t('admin.calendar'), children: <CalendarTab />, show: can('cases.configure') },
    {
      key: 'departments',
      label: t('admin.departments'),
      children: <DepartmentsTab />,
      show: can('departments.manage'),
    },
    {
      key: 'visit-policy',
      label: t('admin.visitPolicy'),
      children: <VisitPolicyTab />,
      show: can('visits.configure'),
    },
    {
      key: 'points-rules',
      label: t('admin.pointsRules'),
      children: <PointsRulesTab />,
      show: can('points.configure'),
    },
    {
      key: 'service-items',
      label: t('admin.serviceItems'),
      children: <ServiceItemsTab />,
      show: can('errands.configure'),
    },
  ];
  return (
    <Card size="small">
      <Tabs
        items={tabs
          .filter((x) => x.show)
          .map(({ key, label, children }) => ({
            key,
            label: <span data-testid={`tab-${key}`}>{label}</span>,
            children,
          }))}
      />
    </Card>
  );
}
