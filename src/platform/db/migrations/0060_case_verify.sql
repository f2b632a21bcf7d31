-- 核查 on site (GB/T 30428's 核查 before 结案): the grid worker of the case's grid goes to a handled
-- case and says whether it is really fixed; the tier that holds it then closes it or sends it back.
-- The verdict stands until the case is handled again (or sent back, or reopened).
-- Nullable columns without a default: adding them rewrites nothing.
ALTER TABLE cases ADD COLUMN verified_at timestamptz;
ALTER TABLE cases ADD COLUMN verification text CHECK (verification IN ('fixed', 'not_fixed'));
