-- Issue 16 (a province's volumes): the tables that grow without bound are partitioned by month
-- (docs/adr/0008-partitioning.md): case_history (at), audit_log (at), notification (created_at)
-- and outbox (created_at). Months are calendar months in China Standard Time. Each table gets a
-- DEFAULT partition for rows outside the monthly ones (back-dated imports, tests with a fixed
-- clock); the maintenance job (src/platform/db/partitions.ts) creates the months ahead and carves
-- months out of the default partition. The existing rows are copied in place, in this migration's
-- transaction.
--
-- What changes for the code: the primary keys gain the partition key ((county_code, id, at) …),
-- ids come from a plain sequence owned by the column (identity columns on partitioned tables need
-- PostgreSQL 17; we run on 15 and later), and open311_update's foreign key to case_history goes
-- (a foreign key must name a unique key, which now includes `at`; the history id is unique by its
-- sequence and the row is written in the same transaction as the update).

CREATE SCHEMA IF NOT EXISTS archive;

-- The month partition of `parent` holding `month` (its first day), e.g. case_history_p202612.
CREATE FUNCTION partition_name(parent text, month date) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT parent || '_p' || to_char(month, 'YYYYMM') $$;

-- Creates the month partition of `parent` (range-partitioned on `key`) for `month` unless it
-- exists. Rows of that month already in the default partition are moved into it: the default
-- partition is detached, replaced by a fresh one, and its rows copied straight into the
-- partitions (not through the parent, so the parent's statement triggers — the rollup's pending
-- notes, webhooks, live events — do not fire again for old rows). Returns true if it created one.
CREATE FUNCTION partition_create_month(parent text, key text, month date) RETURNS boolean
  LANGUAGE plpgsql AS $$
DECLARE
  part text := partition_name(parent, month);
  lo timestamptz := (month::timestamp AT TIME ZONE 'Asia/Shanghai');
  hi timestamptz := ((month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai');
  dflt text := parent || '_default';
  moving boolean := false;
  trg record;
BEGIN
  IF to_regclass(format('public.%I', part)) IS NOT NULL OR to_regclass(format('archive.%I', part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF to_regclass(format('public.%I', dflt)) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I WHERE %I >= $1 AND %I < $2)', dflt, key, key)
      INTO moving USING lo, hi;
  END IF;
  IF moving THEN
    EXECUTE format('ALTER TABLE public.%I DETACH PARTITION public.%I', parent, dflt);
    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', dflt, dflt || '_old');
    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', dflt, parent);
  END IF;
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)', part, parent, lo, hi);
  -- statement-level TRUNCATE triggers are not cloned to partitions (audit_log's append-only guard)
  FOR trg IN
    SELECT t.tgname, p.proname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE t.tgrelid = format('public.%I', parent)::regclass AND NOT t.tgisinternal
       AND (t.tgtype & 32) <> 0 -- TRUNCATE
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      trg.tgname, part, trg.proname);
    IF moving THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        trg.tgname, dflt, trg.proname);
    END IF;
  END LOOP;
  IF moving THEN
    EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I WHERE %I >= $1 AND %I < $2', part, dflt || '_old', key, key)
      USING lo, hi;
    EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I WHERE NOT (%I >= $1 AND %I < $2)', dflt, dflt || '_old', key, key)
      USING lo, hi;
    EXECUTE format('DROP TABLE public.%I', dflt || '_old');
  END IF;
  RETURN true;
END $$;

-- Converts `tbl` in place into a table range-partitioned by month on `key`, primary key `pk`:
-- same columns, defaults, checks, foreign keys, indexes, triggers and dependent views; the
-- identity column `id` becomes a sequence default (same name, continuing where it was).
CREATE FUNCTION partition_convert(tbl text, key text, pk text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old text := tbl || '_unpartitioned';
  seq text := tbl || '_id_seq';
  next_id bigint;
  first_month date;
  oldest timestamptz;
  m date;
  idx text[];
  trg text[];
  fks text[];
  view_names text[] := '{}';
  view_defs text[] := '{}';
  d text;
  v record;
BEGIN
  -- what to recreate, captured while the names still point at the old table
  SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO idx
    FROM pg_index i WHERE i.indrelid = format('public.%I', tbl)::regclass
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
  SELECT coalesce(array_agg(pg_get_triggerdef(t.oid)), '{}') INTO trg
    FROM pg_trigger t WHERE t.tgrelid = format('public.%I', tbl)::regclass AND NOT t.tgisinternal;
  SELECT coalesce(array_agg(format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, c.conname, pg_get_constraintdef(c.oid))), '{}')
    INTO fks FROM pg_constraint c WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype = 'f';
  FOR v IN
    SELECT DISTINCT vc.relname, pg_get_viewdef(vc.oid) AS def
      FROM pg_depend dp JOIN pg_rewrite r ON r.oid = dp.objid JOIN pg_class vc ON vc.oid = r.ev_class
     WHERE dp.refobjid = format('public.%I', tbl)::regclass AND vc.relkind = 'v'
  LOOP
    view_names := view_names || v.relname::text;
    view_defs := view_defs || v.def;
    EXECUTE format('DROP VIEW public.%I', v.relname);
  END LOOP;

  EXECUTE format('SELECT greatest((SELECT last_value FROM public.%I), (SELECT coalesce(max(id), 0) FROM public.%I)) + 1', seq, tbl)
    INTO next_id;
  EXECUTE format('ALTER TABLE public.%I RENAME TO %I', tbl, old);
  EXECUTE format('ALTER TABLE public.%I ALTER COLUMN id DROP IDENTITY', old);
  EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE (%I)', tbl, old, key);
  EXECUTE format('CREATE SEQUENCE public.%I OWNED BY public.%I.id', seq, tbl);
  EXECUTE format('SELECT setval(%L, %s, false)', 'public.' || seq, next_id);
  EXECUTE format('ALTER TABLE public.%I ALTER COLUMN id SET DEFAULT nextval(%L::regclass)', tbl, 'public.' || seq);
  EXECUTE format('ALTER TABLE public.%I ADD PRIMARY KEY (%s)', tbl, pk);

  -- months from the oldest row (or this month) to three months ahead, and the default partition
  EXECUTE format('SELECT min(%I) FROM public.%I', key, old) INTO oldest;
  first_month := date_trunc('month', least(coalesce(oldest, now()), now()) AT TIME ZONE 'Asia/Shanghai')::date;
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', tbl || '_default', tbl);
  m := first_month;
  WHILE m <= (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + interval '3 months')::date LOOP
    PERFORM partition_create_month(tbl, key, m);
    m := (m + interval '1 month')::date;
  END LOOP;
  EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I', tbl, old);

  EXECUTE format('DROP TABLE public.%I', old);
  FOREACH d IN ARRAY idx LOOP EXECUTE d; END LOOP;
  FOREACH d IN ARRAY fks LOOP EXECUTE d; END LOOP;
  FOREACH d IN ARRAY trg LOOP EXECUTE d; END LOOP;
  -- the TRUNCATE guard on each partition (statement triggers are not cloned)
  FOR v IN
    SELECT c.relname, t.tgname, p.proname
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_trigger t ON t.tgrelid = i.inhparent AND NOT t.tgisinternal AND (t.tgtype & 32) <> 0
      JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE i.inhparent = format('public.%I', tbl)::regclass
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      v.tgname, v.relname, v.proname);
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(view_names, 1), 0) LOOP
    EXECUTE format('CREATE VIEW public.%I AS %s', view_names[i], view_defs[i]);
  END LOOP;
END $$;

ALTER TABLE open311_update DROP CONSTRAINT open311_update_county_code_history_id_fkey;

SELECT partition_convert('case_history', 'at', 'county_code, id, at');
SELECT partition_convert('audit_log', 'at', 'id, at');
SELECT partition_convert('notification', 'created_at', 'county_code, id, created_at');
SELECT partition_convert('outbox', 'created_at', 'id, created_at');

DROP FUNCTION partition_convert(text, text, text);
