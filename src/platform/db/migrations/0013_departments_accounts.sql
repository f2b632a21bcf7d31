-- Every county's departments carry its own county's name. The catalogue used to name
-- the county bureaus after 铁岭县 (铁岭县住房和城乡建设局, 铁岭市生态环境局铁岭县分局,
-- 国网铁岭县供电公司 …) and created them so for every county. Rename the rows of the
-- other counties after their own county and city; 铁岭县's own rows are right already.
UPDATE department d
   SET name = replace(replace(d.name, '铁岭县', c.name), '铁岭市', p.name),
       name_en = CASE WHEN d.name_en IS NULL THEN NULL ELSE replace(d.name_en, 'Tieling ', '') END
  FROM region c
  JOIN region p ON p.code = c.parent_code
 WHERE c.code = d.county_code
   AND d.county_code <> '211221'
   AND (d.name LIKE '%铁岭%' OR d.name_en LIKE '%Tieling%');

-- One account per roster record: a grid-worker account is tied to at most one record and
-- a record to at most one account (points and grid work follow the record).
DROP INDEX grid_worker_account_idx;
CREATE UNIQUE INDEX grid_worker_account_idx ON grid_worker (account_id) WHERE account_id IS NOT NULL;

-- Departments are listed by county and tier for dispatch and administration.
CREATE INDEX department_county_tier_idx ON department (county_code, tier, active);
