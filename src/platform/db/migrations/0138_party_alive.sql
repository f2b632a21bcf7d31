-- Party organisation, alive (issue 14): organisations created, renamed and merged by party
-- organisers; members moved and transferred in and out with dates; 党员联系户 one member per
-- household, assigned in bulk; the grid leader (网格长) of the five-level chain.

-- The kinds of the chain: county committee > township party (working) committee > community party
-- committee (社区党委 / 村党总支) > village or community branch > grid, compound or building branch
-- (网格/小区/楼栋党支部) > grid party group (党小组). Which parent a kind may have is the service's rule.
ALTER TABLE party_org DROP CONSTRAINT party_org_kind_check;
ALTER TABLE party_org ADD CONSTRAINT party_org_kind_check CHECK (kind IN (
  'county_committee', 'township_committee', 'community_committee', 'branch', 'grid_branch', 'grid_group'));
-- never deleted: a merged organisation is closed on a date and names the one it went into
ALTER TABLE party_org ADD COLUMN closed_on date;
ALTER TABLE party_org ADD COLUMN merged_into_id bigint;
ALTER TABLE party_org ADD CONSTRAINT party_org_merged_into_fk
  FOREIGN KEY (county_code, merged_into_id) REFERENCES party_org (county_code, id);
ALTER TABLE party_org ADD CONSTRAINT party_org_merged_closed CHECK (merged_into_id IS NULL OR closed_on IS NOT NULL);
CREATE INDEX party_org_parent_idx ON party_org (county_code, parent_id);

-- a member whose organisational relation went out of the county (组织关系转出) stays on record
-- with the date and where it went; 党员中心户: the member's household is a party-member central household
ALTER TABLE party_member ADD COLUMN left_on date;
ALTER TABLE party_member ADD COLUMN left_to text;
ALTER TABLE party_member ADD COLUMN central_household boolean NOT NULL DEFAULT false;
CREATE INDEX party_member_org_idx ON party_member (county_code, org_id);

-- A member's organisations over time: one row per stay, dated. A member with no row yet (loaded
-- before the history was kept) gets one, from joined_on, on their first change.
CREATE TABLE party_member_stint (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  member_id     bigint NOT NULL,
  org_id        bigint NOT NULL,
  started_on    date,
  start_reason  text NOT NULL CHECK (start_reason IN ('enrolled', 'moved', 'merged', 'transfer_in')),
  came_from     text,
  ended_on      date,
  end_reason    text CHECK (end_reason IN ('moved', 'merged', 'transfer_out')),
  went_to       text,
  note          text,
  actor_id      bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES party_member (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES party_org (county_code, id),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX party_member_stint_open_idx ON party_member_stint (county_code, member_id) WHERE ended_on IS NULL;
CREATE INDEX party_member_stint_member_idx ON party_member_stint (county_code, member_id, id);

-- 党员联系户: a household is looked after by one member at most (a member looks after several)
DELETE FROM party_member_household l USING party_member_household k
 WHERE k.county_code = l.county_code AND k.household_id = l.household_id AND k.member_id < l.member_id;
CREATE UNIQUE INDEX party_member_household_one_idx ON party_member_household (county_code, household_id);

-- A bulk assignment of households to a member, once per clientRequestId.
CREATE TABLE party_link_batch (
  county_code        text NOT NULL,
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  client_request_id  text NOT NULL,
  member_id          bigint NOT NULL,
  household_ids      bigint[] NOT NULL,
  relinked           int NOT NULL,
  actor_id           bigint REFERENCES account (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES party_member (county_code, id)
);
CREATE UNIQUE INDEX party_link_batch_request_idx ON party_link_batch (county_code, actor_id, client_request_id);

-- 网格长: the grid leader of a grid is a designation on a staff account (village staff or a grid
-- worker of the grid's village), reporting to a grid/compound/building branch (or the community's).
CREATE TABLE party_grid_leader (
  county_code   text NOT NULL,
  grid_code     text NOT NULL REFERENCES region (code),
  grid_path     ltree NOT NULL,
  account_id    bigint NOT NULL REFERENCES account (id),
  org_id        bigint NOT NULL,
  since         date NOT NULL,
  PRIMARY KEY (county_code, grid_code),
  FOREIGN KEY (county_code, org_id) REFERENCES party_org (county_code, id)
);
CREATE INDEX party_grid_leader_path_gist ON party_grid_leader USING gist (grid_path);
