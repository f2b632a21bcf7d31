-- People who follow a case without holding it (an enterprise's cadre): told of its steps.
CREATE TABLE case_follower (
  county_code  text NOT NULL,
  case_id      bigint NOT NULL,
  account_id   bigint NOT NULL REFERENCES account (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, case_id, account_id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
