import type { Migration } from "../migrate.js";

/**
 * Every write that changes what a member reads in Tìm hiểu announces itself on the channel `hoiso_content`, so the
 * API processes' read caches (modules/content/cache.ts) drop exactly what went stale, whichever process or script
 * wrote. Payloads: `c` content (articles, their variants and questions), `u` the unit tree (paths, names),
 * `m:<member id>` her unit or language, `r:<member id>` her reading. PostgreSQL sends one notification per distinct
 * payload per transaction, at commit, so a rolled-back write announces nothing.
 */
export const m051: Migration = {
  version: 51,
  name: "content_changes",
  sql: /* sql */ `
CREATE FUNCTION hoiso_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoiso_content', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER articles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_content_changed('c');
CREATE TRIGGER article_variants_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_variants
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_content_changed('c');
CREATE TRIGGER article_questions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_questions
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_content_changed('c');
CREATE TRIGGER units_changed_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_content_changed('u');

CREATE FUNCTION hoiso_member_reader_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoiso_content', 'm:' || coalesce(NEW.id, OLD.id));
  RETURN NULL;
END $$;
CREATE TRIGGER members_reader_changed AFTER UPDATE OF unit_id, language ON members
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.language IS DISTINCT FROM NEW.language)
  EXECUTE FUNCTION hoiso_member_reader_changed();
CREATE TRIGGER members_reader_deleted AFTER DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION hoiso_member_reader_changed();

CREATE FUNCTION hoiso_member_reading_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoiso_content', 'r:' || coalesce(NEW.member_id, OLD.member_id));
  RETURN NULL;
END $$;
CREATE TRIGGER article_reads_changed AFTER INSERT OR UPDATE OR DELETE ON article_reads
  FOR EACH ROW EXECUTE FUNCTION hoiso_member_reading_changed();
`,
};
