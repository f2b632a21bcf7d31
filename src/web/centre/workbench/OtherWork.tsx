import { Card, Col, Row, Statistic } from 'antd';
import { api } from '../../shared/api.js';
import type { Key } from '../i18n.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

type Tile = {
  key: string;
  title: Key;
  n: number;
  path: string;
  query?: Record<string, string>;
  alert?: boolean;
};

/**
 * What else waits besides cases, each figure only for those who act on it:
 * wishes to review or to claim, errands waiting and overdue, exchanges to hand
 * over, households due a visit, villages behind on §30's disclosure rhythm.
 */
export function OtherWork() {
  const { t } = useLang();
  const { can } = useSession();
  const tiles = useLoad(async (): Promise<Tile[]> => {
    const out: Array<Promise<Tile[]>> = [];
    if (can('wishes.review') || can('wishes.claim'))
      out.push(
        ok(api.GET('/api/v1/wishes/stats', {})).then((s): Tile[] =>
          can('wishes.review')
            ? [
                {
                  key: 'wishes-review',
                  title: 'wb.wishesToReview',
                  n: s.submitted,
                  path: '/wishes',
                  query: { status: 'submitted' },
                },
              ]
            : [
                {
                  key: 'wishes-claim',
                  title: 'wb.wishesToClaim',
                  n: s.published,
                  path: '/wishes',
                  query: { status: 'published' },
                },
              ],
        ),
      );
    if (can('errands.handle'))
      out.push(
        ok(api.GET('/api/v1/errands/stats', {})).then((s): Tile[] => [
          {
            key: 'errands-waiting',
            title: 'wb.errandsWaiting',
            n: s.byStatus.requested ?? 0,
            path: '/errands',
            query: { status: 'requested' },
          },
          {
            key: 'errands-overdue',
            title: 'wb.errandsOverdue',
            n: s.overdue,
            path: '/errands',
            query: { overdue: 'true' },
            alert: true,
          },
        ]),
      );
    if (can('goods.manage'))
      out.push(
        ok(api.GET('/api/v1/redemptions', { params: { query: { status: 'requested', limit: 1 } } })).then(
          (r): Tile[] => [
            {
              key: 'exchanges',
              title: 'wb.exchanges',
              n: r.total,
              path: '/workers',
              query: { tab: 'redemptions' },
            },
          ],
        ),
      );
    if (can('visits.read'))
      out.push(
        ok(api.GET('/api/v1/visits/summary', {})).then((s): Tile[] => [
          {
            key: 'visits-due',
            title: 'wb.visitsDue',
            n: s.items.reduce((sum, x) => sum + x.dueNow, 0),
            path: '/visits',
          },
        ]),
      );
    if (can('disclosures.monitor'))
      out.push(
        ok(api.GET('/api/v1/disclosures/compliance', {})).then((c): Tile[] => [
          {
            key: 'disclosures-due',
            title: 'wb.disclosuresDue',
            n: c.totals.villageAffairsDue + c.totals.financeDue,
            path: '/disclosures',
            alert: true,
          },
        ]),
      );
    return (await Promise.all(out)).flat();
  }, []);
  useLive(() => tiles.reload());
  if (!tiles.data?.length) return null;

  return (
    <Row gutter={[12, 12]} data-testid="wb-other">
      {tiles.data.map((x) => (
        <Col key={x.key} flex="1 1 0">
          <Card
            size="small"
            hoverable
            onClick={() => navigate(x.path, x.query)}
            data-testid={`other-${x.key}`}
          >
            <Statistic
              title={t(x.title)}
              value={x.n}
              styles={{ content: { color: x.alert && x.n > 0 ? '#c8102e' : undefined, fontWeight: 600 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
