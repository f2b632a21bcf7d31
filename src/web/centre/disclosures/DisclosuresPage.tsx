import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { ComplianceBoard } from './ComplianceBoard.js';
import { DisclosureDrawer } from './DisclosureDrawer.js';
import { DisclosureEditor } from './DisclosureEditor.js';
import { DisclosureTable } from './DisclosureTable.js';

/**
 * 三务公开. Village staff: their village's disclosures with drafts, the editor,
 * publishing, withdrawal and answers. Township, county and party roles: the §30
 * rhythm board (which villages are behind, by township, drill-down) and the
 * published/withdrawn lists read-only. `#/disclosures/<id>` opens one,
 * `#/disclosures/new` and `#/disclosures/<id>/edit` the editor.
 */
export function DisclosuresPage({ route }: { route: Route }) {
  const { t } = useLang();
  const { can } = useSession();
  const [tick, setTick] = useState(0);
  const monitor = can('disclosures.monitor');
  const publisher = can('disclosures.publish');
  const within = route.query.get('within') ?? undefined;
  const tab = route.query.get('tab') ?? (monitor ? 'board' : 'list');
  const query = { tab: monitor ? tab : undefined, within };
  const [first, second] = route.path.slice(1);
  const id = Number(first) || null;
  const editorOpen = publisher && (first === 'new' || (id !== null && second === 'edit'));
  const changed = () => setTick((n) => n + 1);

  const list = (
    <DisclosureTable
      within={within}
      tick={tick}
      publisher={publisher}
      onWithin={(w) => navigate('/disclosures', { ...query, within: w }, true)}
      onOpen={(d) => navigate(`/disclosures/${d}`, query)}
      onNew={() => navigate('/disclosures/new', query)}
    />
  );
  return (
    <>
      <Card size="small">
        {monitor ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => navigate('/disclosures', { tab: k, within }, true)}
            items={[
              {
                key: 'board',
                label: <span data-testid="disclosures-tab-board">{t('disclosures.board')}</span>,
                children: (
                  <ComplianceBoard
                    within={within}
                    onWithin={(w) => navigate('/disclosures', { tab: 'board', within: w })}
                    onVillage={(v) => navigate('/disclosures', { tab: 'list', within: v })}
                  />
                ),
              },
              {
                key: 'list',
                label: <span data-testid="disclosures-tab-list">{t('disclosures.list')}</span>,
                children: list,
              },
            ]}
          />
        ) : (
          list
        )}
      </Card>
      <DisclosureDrawer
        id={editorOpen ? null : id}
        onClose={() => navigate('/disclosures', query)}
        onEdit={(d) => navigate(`/disclosures/${d}/edit`, query)}
        onChanged={changed}
      />
      <DisclosureEditor
        open={editorOpen}
        id={first === 'new' ? null : id}
        onClose={() => navigate(id ? `/disclosures/${id}` : '/disclosures', query)}
        onSaved={(saved) => {
          changed();
          navigate(`/disclosures/${saved}`, query);
        }}
      />
    </>
  );
}
