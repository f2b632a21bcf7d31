import { sql } from 'kysely';
import { withForeignKeysDeferred } from '../../platform/db/bulk.js';
import type { Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { ITEM_KIND_CODES } from './kinds.js';

/** Stations keep no per-county settings (the 500 m limit and detour factor are fixed: reach.ts). */
export async function seedStationConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/**
 * A station keeps 18 kinds (铁西区's 便民服务站: "近20种便民用品"), all but the bulky ones a centre keeps;
 * loans in the demo are of the eight kinds lent most.
 */
const CENTRE_ONLY = ['ladder', 'cart'];
const VILLAGE_KINDS = [
  'medicine_kit',
  'torch',
  'umbrella',
  'sewing_kit',
  'masks',
  'wheelchair',
  'crutches',
  'reading_glasses',
];

/**
 * Demo stations of 铁岭县 (J9/J12), set-based: a 党群服务中心 per township at the group or building
 * nearest the township's middle; a 便民服务站 in every village at its most populous group, and a
 * 网格驿站 in every community grid at its most populous building; two staff and three volunteers each
 * (residents of the place); stock of lending items (18 kinds at a station, all 20 at a centre); a year of activities — the first township's
 * centre holds 76 (本溪县's "70+ a year"), the other centres one a month — with bookings and
 * attendance; half a year of loans at the village stations, most returned (some late), five still
 * out past their due time and three lost.
 */
export async function seedStationDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  // the units' points and household counts
  // fresh statistics first: the units were just placed (seedMapDemo), the planner would think none is
  await sql`ANALYZE grid_unit`.execute(tx);
  await sql`
    CREATE TEMP TABLE demo_place ON COMMIT DROP AS
    SELECT t.id, t.grid_code, substr(t.grid_code, 1, 12) AS village_code, substr(t.grid_code, 1, 9) AS township_code,
           t.name, t.lng, t.lat, sum(hc.n)::int AS n
      FROM (SELECT unit_id, count(*)::int AS n FROM household
             WHERE county_code = ${countyCode} AND unit_id IS NOT NULL GROUP BY unit_id) hc
      JOIN grid_unit u ON u.county_code = ${countyCode} AND u.id = hc.unit_id
      JOIN grid_unit t ON t.county_code = u.county_code AND t.id = COALESCE(u.parent_id, u.id)
     WHERE t.parent_id IS NULL AND t.lng IS NOT NULL
     GROUP BY t.id, t.grid_code, t.name, t.lng, t.lat`.execute(tx);
  await sql`
    INSERT INTO station (county_code, region_code, region_path, kind, name, address, lng, lat, opening_hours, services, lends, created_at)
    SELECT ${countyCode}, r.code, r.path, 'centre', r.name || '党群服务中心', r.name || p.name || '旁', p.lng, p.lat,
           '周一至周五 8:30–17:00，周六 9:00–12:00',
           ARRAY['elderly_care','legal_aid','family_education','medical_check','employment','party_service','mediation','proxy_errands','culture','lending'],
           true, now() - interval '3 years'
      FROM region r
      JOIN LATERAL (SELECT name, lng, lat FROM demo_place dp WHERE dp.township_code = r.code
                     ORDER BY (dp.lng - (r.min_lng + r.max_lng) / 2) ^ 2 + (dp.lat - (r.min_lat + r.max_lat) / 2) ^ 2, dp.id
                     LIMIT 1) p ON true
     WHERE r.county_code = ${countyCode} AND r.level = 'township'
     ORDER BY r.code`.execute(tx);
  await sql`
    INSERT INTO station (county_code, region_code, region_path, kind, name, address, lng, lat, opening_hours, services, lends, created_at)
    SELECT ${countyCode}, v.code, v.path, 'station',
           CASE WHEN v.kind = 'community' THEN g.name || '网格驿站' ELSE v.name || '便民服务站' END,
           v.name || p.name, p.lng, p.lat, '每天 8:00–18:00',
           CASE WHEN v.kind = 'community' THEN ARRAY['elderly_care','youth','proxy_errands','lending']
                ELSE ARRAY['elderly_care','medical_check','proxy_errands','lending'] END,
           true, now() - interval '2 years'
      FROM (SELECT DISTINCT ON (CASE WHEN v.kind = 'community' THEN dp.grid_code ELSE dp.village_code END)
                   dp.id, dp.grid_code, dp.village_code, dp.name, dp.lng, dp.lat
              FROM demo_place dp JOIN region v ON v.code = dp.village_code
             ORDER BY CASE WHEN v.kind = 'community' THEN dp.grid_code ELSE dp.village_code END, dp.n DESC, dp.id) p
      JOIN region v ON v.code = p.village_code
      JOIN region g ON g.code = p.grid_code
     ORDER BY p.grid_code`.execute(tx);
  // the residents of each village and township, numbered once (a lateral search per station is slow)
  await sql`
    CREATE TEMP TABLE demo_local ON COMMIT DROP AS
    SELECT id, name, substr(grid_code, 1, 12) AS village_code, substr(grid_code, 1, 9) AS township_code,
           row_number() OVER (PARTITION BY substr(grid_code, 1, 12) ORDER BY id) AS kv,
           row_number() OVER (PARTITION BY substr(grid_code, 1, 9) ORDER BY id) AS kt
      FROM resident WHERE county_code = ${countyCode} AND status = 'present' AND birth_date < date '2000-01-01'`.execute(
    tx,
  );
  // staff and volunteers: residents of the place, the first of its archive
  await sql`
    INSERT INTO station_person (county_code, station_id, role, name, duty)
    SELECT s.county_code, s.id, CASE WHEN r.k <= 2 THEN 'staff' ELSE 'volunteer' END, r.name,
           CASE r.k WHEN 1 THEN '站长' WHEN 2 THEN '值班员' ELSE '志愿者' END
      FROM station s
      JOIN (SELECT name, village_code AS code, kv AS k FROM demo_local WHERE kv <= 5
            UNION ALL SELECT name, township_code, kt FROM demo_local WHERE kt <= 5) r ON r.code = s.region_code
     WHERE s.county_code = ${countyCode}`.execute(tx);
  await sql`
    INSERT INTO station_stock (county_code, station_id, item_kind, total, on_hand)
    SELECT s.county_code, s.id, k.kind, CASE WHEN k.kind IN ('wheelchair', 'walker', 'ladder', 'cart') THEN 2 ELSE 5 END,
           CASE WHEN k.kind IN ('wheelchair', 'walker', 'ladder', 'cart') THEN 2 ELSE 5 END
      FROM station s
      CROSS JOIN unnest(${ITEM_KIND_CODES}::text[]) AS k(kind)
     WHERE s.county_code = ${countyCode} AND (s.kind = 'centre' OR k.kind <> ALL(${CENTRE_ONLY}::text[]))`.execute(
    tx,
  );
  await seedActivities(tx, countyCode);
  await seedLoans(tx, countyCode);
}

/** A year of activities at the centres, with bookings and attendance of the township's residents. */
async function seedActivities(tx: Tx, countyCode: string) {
  await sql`
    INSERT INTO station_activity (county_code, station_id, title, service, starts_at, ends_at, capacity, created_at)
    SELECT s.county_code, s.id, t.title, t.service, a.at, a.at + interval '2 hours', 30, a.at - interval '14 days'
      FROM (SELECT county_code, id, region_code, row_number() OVER (ORDER BY region_code) AS k FROM station
             WHERE county_code = ${countyCode} AND kind = 'centre') s
      CROSS JOIN LATERAL (
        SELECT date_trunc('day', now() - interval '365 days') + (i * (CASE WHEN s.k = 1 THEN 365.0 / 76 ELSE 30.4 END)) * interval '1 day'
               + interval '1 hour' AS at, i
          FROM generate_series(0, CASE WHEN s.k = 1 THEN 75 ELSE 11 END) i) a
      CROSS JOIN LATERAL (
        SELECT (ARRAY['老年人健康讲座','法律咨询进社区','家庭教育沙龙','免费健康体检','就业技能培训','主题党日志愿服务','广场舞联谊','青少年读书会'])[1 + (a.i % 8)] AS title,
               (ARRAY['elderly_care','legal_aid','family_education','medical_check','employment','party_service','culture','youth'])[1 + (a.i % 8)] AS service) t`.execute(
    tx,
  );
  await sql`
    CREATE TEMP TABLE demo_attendee ON COMMIT DROP AS
    SELECT county_code, id, substr(grid_code, 1, 9) AS township_code,
           row_number() OVER (PARTITION BY substr(grid_code, 1, 9) ORDER BY id) AS rn,
           count(*) OVER (PARTITION BY substr(grid_code, 1, 9)) AS n
      FROM resident WHERE county_code = ${countyCode} AND status = 'present'`.execute(tx);
  // the bookings take a range of each township's numbered residents: an index for it, and statistics
  // (a temporary table has none: the join read every resident of the township per activity)
  await sql`CREATE INDEX ON demo_attendee (township_code, rn)`.execute(tx);
  await sql`ANALYZE demo_attendee`.execute(tx);
  // past activities: 12–29 of 30 seats booked, most of them attended; the coming ones half booked
  // checked once after the insert, set-based, rather than by a trigger per row
  await withForeignKeysDeferred(tx, ['activity_booking'], () =>
    sql`
    INSERT INTO activity_booking (county_code, activity_id, resident_id, booked_at, attended_at)
    SELECT a.county_code, a.id, r.id, a.starts_at - interval '3 days',
           CASE WHEN a.starts_at < now() AND (r.rn + a.id) % 6 <> 0 THEN a.starts_at END
      FROM station_activity a
      JOIN station s ON s.county_code = a.county_code AND s.id = a.station_id
      CROSS JOIN LATERAL (SELECT CASE WHEN a.starts_at < now() THEN 12 + (a.id * 7) % 18 ELSE 15 END AS seats) b
      JOIN (SELECT township_code, max(n) AS n FROM demo_attendee GROUP BY township_code) t ON t.township_code = s.region_code
      JOIN demo_attendee r ON r.county_code = a.county_code AND r.township_code = s.region_code
       AND r.rn > (a.id * 97) % greatest(t.n - b.seats, 1) AND r.rn <= (a.id * 97) % greatest(t.n - b.seats, 1) + b.seats
     WHERE a.county_code = ${countyCode}`.execute(tx),
  );
  await sql`
    UPDATE station_activity a SET booked = b.booked, attended = b.attended
      FROM (SELECT activity_id, count(*)::int AS booked, count(attended_at)::int AS attended
              FROM activity_booking WHERE county_code = ${countyCode} GROUP BY activity_id) b
     WHERE a.county_code = ${countyCode} AND a.id = b.activity_id`.execute(tx);
}

/** Half a year of loans at the village stations; the stock's on-hand follows the items still out. */
async function seedLoans(tx: Tx, countyCode: string) {
  await sql`
    INSERT INTO station_loan (county_code, station_id, region_path, item_kind, resident_id, state, lent_at, due_at,
                              returned_at, lost_at, returned_late, reminded_at)
    SELECT s.county_code, s.id, s.region_path, l.kind, r.id, l.state, l.lent_at, l.lent_at + l.days * interval '1 day',
           CASE WHEN l.state = 'returned' THEN l.lent_at + (l.days + l.late) * interval '1 day' END,
           CASE WHEN l.state = 'lost' THEN l.lent_at + l.days * interval '1 day' END,
           CASE WHEN l.state = 'returned' THEN l.late > 0 END,
           CASE WHEN l.state = 'returned' AND l.late > 0 THEN l.lent_at + (l.days + 1) * interval '1 day' END
      FROM (SELECT county_code, id, region_code, region_path, row_number() OVER (ORDER BY id) AS k FROM station
             WHERE county_code = ${countyCode} AND kind = 'station') s
      CROSS JOIN LATERAL (
        SELECT i, (${VILLAGE_KINDS}::text[])[1 + ((s.k + i) % 8)] AS kind,
               CASE WHEN s.k <= 5 AND i = 0 THEN 'lent' WHEN s.k BETWEEN 6 AND 8 AND i = 0 THEN 'lost' ELSE 'returned' END AS state,
               now() - ((i * 45 + (s.k % 30)) + CASE WHEN s.k <= 5 AND i = 0 THEN 20 ELSE 10 END) * interval '1 day' AS lent_at,
               7 AS days,
               CASE WHEN (s.k + i) % 5 = 0 THEN 3 ELSE 0 END AS late
          FROM generate_series(0, 3) i) l
      JOIN demo_local r ON r.village_code = s.region_code AND r.kv = 6 + l.i * 3`.execute(tx);
  await sql`
    UPDATE station_stock k SET on_hand = k.total - o.n
      FROM (SELECT station_id, item_kind, count(*)::int AS n FROM station_loan
             WHERE county_code = ${countyCode} AND state = 'lent' GROUP BY station_id, item_kind) o
     WHERE k.county_code = ${countyCode} AND k.station_id = o.station_id AND k.item_kind = o.item_kind`.execute(
    tx,
  );
}
