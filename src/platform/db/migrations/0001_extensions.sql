-- drizzle/kysely never emit CREATE EXTENSION; it lives in this hand-written first step.
-- All are contrib modules shipped with PostgreSQL 15+ (Debian's server and the embedded one).
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
