import { Card, Col, Empty, Row, Space } from 'antd';
import { useState } from 'react';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { OrgPanel } from './OrgPanel.js';
import { OrgTree } from './OrgTree.js';
import { SummaryCards } from './SummaryCards.js';
import { LinksPanel } from './LinksPanel.js';
import { useSession } from '../session.js';
import type { PartyOrg } from './types.js';

/**
 * 党组织 (J8, J9): the party organisation laid over the grids — the figures of
 * the selected organisation's region (else of my whole scope), the tree of my
 * scope, and the selected organisation with its members
 * (`#/party?org=12&region=211221001`).
 */
export function PartyPage({ route }: { route: Route }) {
  const { t } = useLang();
  const org = Number(route.query.get('org')) || undefined;
  const region = route.query.get('region') ?? undefined;
  const { can } = useSession();
  // bumped after each change: the figures, the tree and the panels load again
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((n) => n + 1);
  const pick = (o: Pick<PartyOrg, 'id' | 'regionCode'>) =>
    navigate('/party', { org: String(o.id), region: o.regionCode }, true);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <SummaryCards within={org ? region : undefined} version={version} />
      <Row gutter={12}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('party.orgTree')}>
            <OrgTree selected={org} onSelect={pick} version={version} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {org ? (
            <OrgPanel key={org} id={org} onPick={pick} version={version} onChanged={changed} />
          ) : (
            <Card size="small">
              <Empty description={t('party.pickOrg')} />
            </Card>
          )}
        </Col>
      </Row>
      {can('party.links') && (
        <LinksPanel within={org ? region : undefined} orgId={org} version={version} onChanged={changed} />
      )}
    </Space>
  );
}
