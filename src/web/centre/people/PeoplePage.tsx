import { Card, Tabs } from 'antd';
import { useLang } from '../lang.js';
import { HouseholdsTab } from './HouseholdsTab.js';
import { ResidentsTab } from './ResidentsTab.js';
import { CorrectionsTab } from './CorrectionsTab.js';
import { FeedbackTab } from './FeedbackTab.js';
import { DuplicatesTab } from './DuplicatesTab.js';
import { useSession } from '../session.js';

/** 户籍档案: households and residents of my scope. */
export function PeoplePage() {
  const { t } = useLang();
  const { can } = useSession();
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
          ...(can('people.merge')
            ? [
                {
                  key: 'duplicates',
                  label: <span data-testid="tab-duplicates">{t('reg.duplicates')}</span>,
                  children: <DuplicatesTab />,
                },
              ]
            : []),
          ...(can('people.correct')
            ? [
                {
                  key: 'corrections',
                  label: <span data-testid="tab-corrections">{t('reg.corrections')}</span>,
                  children: <CorrectionsTab />,
                },
              ]
            : []),
          {
            key: 'feedback',
            label: <span data-testid="tab-feedback">{t('reg.feedback')}</span>,
            children: <FeedbackTab />,
          },
        ]}
      />
    </Card>
  );
}
