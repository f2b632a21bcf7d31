-- Emergency alerts carry what they are about, so the inbox opens the event. The constraint is
-- recreated with every type a notice may be about (a case is also named by case_id).
ALTER TABLE notification DROP CONSTRAINT notification_about_type_check;
ALTER TABLE notification ADD CONSTRAINT notification_about_type_check
  CHECK (about_type IN ('case', 'wish', 'errand', 'disclosure', 'redemption', 'points', 'visit', 'dispute', 'petition',
                        'emergency'));
