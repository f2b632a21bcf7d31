-- The video link (issue 13, J8 and remote mediation in J6): voice and video calls between the
-- command centre and the field over WebRTC, signalled through our own server. The media never
-- passes the server; these tables hold the call log and the signalling messages between the
-- two parties. Nothing is recorded (docs/calls.md says why).

-- Per-county settings: how long a call rings before it counts as missed.
CREATE TABLE call_settings (
  county_code   text PRIMARY KEY CHECK (county_code ~ '^[0-9]{6}$'),
  ring_seconds  integer NOT NULL DEFAULT 30 CHECK (ring_seconds BETWEEN 10 AND 120),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    bigint REFERENCES account (id)
);

CREATE TABLE call (
  county_code        text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  caller_id          bigint NOT NULL REFERENCES account (id),
  callee_id          bigint NOT NULL REFERENCES account (id),
  -- the parties' scope paths when the call was placed: the log is visible to both parties and
  -- to staff whose scope holds either path
  caller_path        ltree NOT NULL,
  callee_path        ltree NOT NULL,
  media              text NOT NULL CHECK (media IN ('voice', 'video')),
  purpose            text NOT NULL CHECK (purpose IN ('scene', 'centre', 'mediation')),
  about_type         text CHECK (about_type IN ('case', 'household', 'campaign_target', 'dispute', 'grid')),
  about_id           bigint,
  about_code         text,
  state              text NOT NULL DEFAULT 'ringing' CHECK (state IN ('ringing', 'active', 'ended')),
  outcome            text CHECK (outcome IN ('completed', 'missed', 'declined', 'cancelled')),
  version            integer NOT NULL DEFAULT 1,
  started_at         timestamptz NOT NULL,
  ring_until         timestamptz NOT NULL,
  answered_at        timestamptz,
  ended_at           timestamptz,
  ended_by           bigint REFERENCES account (id),
  client_request_id  uuid,
  PRIMARY KEY (county_code, id),
  CHECK (caller_id <> callee_id),
  CHECK ((state = 'ended') = (outcome IS NOT NULL AND ended_at IS NOT NULL)),
  CHECK ((about_type IS NULL) = (about_id IS NULL AND about_code IS NULL)),
  CHECK (answered_at IS NULL OR state <> 'ringing')
);
CREATE INDEX call_caller_idx ON call (county_code, caller_id, started_at DESC);
CREATE INDEX call_callee_idx ON call (county_code, callee_id, started_at DESC);
CREATE INDEX call_caller_path_gist ON call USING gist (caller_path);
CREATE INDEX call_callee_path_gist ON call USING gist (callee_path);
CREATE INDEX call_about_idx ON call (county_code, about_type, about_id) WHERE about_id IS NOT NULL;
CREATE INDEX call_ringing_idx ON call (ring_until) WHERE state = 'ringing';
CREATE UNIQUE INDEX call_client_request_idx ON call (county_code, caller_id, client_request_id)
  WHERE client_request_id IS NOT NULL;

-- Signalling between the two parties (SDP offer/answer, ICE candidates) and the call's steps
-- (ring, answered, declined, hang-up, missed), each addressed to one party. Every row is a live
-- event for its addressee (read past a snapshot horizon by xid, like the inbox). The SDP and
-- candidates (which name network addresses) are cleared once the call has ended.
CREATE TABLE call_signal (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  call_id      bigint NOT NULL,
  from_id      bigint REFERENCES account (id),
  to_id        bigint NOT NULL REFERENCES account (id),
  kind         text NOT NULL CHECK (kind IN ('ring', 'offer', 'answer', 'ice', 'answered', 'declined', 'hangup', 'missed', 'cancelled')),
  payload      jsonb,
  at           timestamptz NOT NULL,
  xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, call_id) REFERENCES call (county_code, id) ON DELETE CASCADE
);
CREATE INDEX call_signal_call_idx ON call_signal (county_code, call_id, id);
CREATE INDEX call_signal_xid_idx ON call_signal (xid);

-- A missed or declined call is an inbox item about the call.
ALTER TABLE notification DROP CONSTRAINT notification_about_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_about_type_check
  CHECK (about_type IN ('case', 'wish', 'errand', 'disclosure', 'redemption', 'points', 'visit', 'dispute', 'petition',
    'emergency', 'whistle', 'campaign', 'call'));
