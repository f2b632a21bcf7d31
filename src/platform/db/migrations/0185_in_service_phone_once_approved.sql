-- The public sign-up no longer tells whether a phone is already registered (an anonymous oracle for
-- party membership): a second sign-up with the same phone is kept as pending and shown to the
-- reviewing staff as a duplicate; only one approved registration per phone in a county.
DROP INDEX in_service_member_phone_idx;
CREATE UNIQUE INDEX in_service_member_phone_idx ON in_service_member (county_code, phone_hash)
  WHERE status = 'approved';
