-- 0128 (the city level) and 0150 (in-service party members) each rewrote the role check from the
-- list they knew; both roles belong in it.
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('resident', 'grid_worker', 'village_staff',
  'township_centre', 'county_centre', 'city_centre', 'department_staff', 'party_organiser', 'admin',
  'in_service_member'));
