-- What a notification is about when it is not a case: a wish, an errand, a disclosure, a
-- points exchange … so that opening it in either app goes to that thing.
ALTER TABLE notification ADD COLUMN about_type text CHECK (about_type IN ('wish', 'errand', 'disclosure', 'redemption', 'points', 'visit'));
ALTER TABLE notification ADD COLUMN about_id bigint;
