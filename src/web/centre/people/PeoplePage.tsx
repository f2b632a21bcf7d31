import { Card, Tabs } from 'antd';
import { useLang } from '../lang.js';
import { HouseholdsTab } from './HouseholdsTab.js';
import { ResidentsTab } from './ResidentsTab.js';

/** 户籍档案: households and residents of my scope. */
export function PeoplePage() {
  const { t } = useLang();
  return (
    <Card size="small">
      <Tabs
        destroyOnHidden={false}
        items={[
          {
            key: 'residents',
            label: <span data-testid="tab-residents">{t('people.residents')}</span>,
            children: <ResidentsTab />,
          },
          {
            key: 'households',
            label: <span data-testid="tab-households">{t('people.households')}</span>,
            children: <HouseholdsTab />,
          },
        ]}
      />
    </Card>
  );
}
