-- Issue 12: a notification's body as a code and its parameters, rendered by each app in the reader's
-- language ("现有积分 120" / "Balance: 120 points"). `body` keeps the Chinese text as recorded (old rows
-- have only that); a person's own words travel as a parameter and are shown as written.
ALTER TABLE notification
  ADD COLUMN body_code text,
  ADD COLUMN body_params jsonb,
  ADD CONSTRAINT notification_body_code_check CHECK (body_code IS NULL OR body_code ~ '^[a-z_]{1,40}$'),
  ADD CONSTRAINT notification_body_params_check CHECK (body_params IS NULL OR jsonb_typeof(body_params) = 'object');
