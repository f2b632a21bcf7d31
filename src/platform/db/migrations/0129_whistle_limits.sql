-- 基层吹哨、部门必应: each county department's own answer limit in working days (normal and urgent),
-- set by the county. A department without a row keeps the default (3 working days, urgent 1).
CREATE TABLE whistle_limit (
  county_code    text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  department_id  bigint NOT NULL,
  days           integer NOT NULL CHECK (days BETWEEN 1 AND 30),
  urgent_days    integer NOT NULL CHECK (urgent_days BETWEEN 1 AND 30),
  updated_by     bigint NOT NULL REFERENCES account (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, department_id),
  FOREIGN KEY (county_code, department_id) REFERENCES department (county_code, id),
  CHECK (urgent_days <= days)
);
