-- Idempotent intake: a phone that sent a report and lost the answer sends it again
-- with the same client request id and gets the same case, never a second one.
ALTER TABLE cases ADD COLUMN client_request_id uuid;
CREATE UNIQUE INDEX cases_client_request_idx ON cases (county_code, reporter_account_id, client_request_id) WHERE client_request_id IS NOT NULL;
