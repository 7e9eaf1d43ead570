import type { Migration } from "../migrate.js";

/**
 * Profile tags (issue 10): what a member says about herself (ethnic group, age group, small children) so that content
 * targeted by tag reaches her; the vocabulary is shared/src/domain/profile-tags.ts, checked by the API. Optional, hers
 * alone to set or clear, never shown to anyone else. (`members.ethnicity` from 001 was never written; the `dan_toc:`
 * tag replaces it.)
 *
 * Her tags decide what she reads, so a change must drop her cached reader like a change of unit or language does: the
 * trigger of migration 051 is replaced by one that also watches `profile_tags`.
 *
 * `articles.tags` / `guides.tags` now mean target tags of that vocabulary; nothing wrote them before (no editor field),
 * but anything outside the vocabulary as of this migration is removed so that it cannot hide an item from everyone.
 */
const VOCABULARY_052 = [
  "dan_toc:kinh", "dan_toc:tay", "dan_toc:mong", "dan_toc:dao", "dan_toc:giay", "dan_toc:nung", "dan_toc:phu_la",
  "dan_toc:ha_nhi", "dan_toc:xa_pho", "dan_toc:la_chi", "dan_toc:bo_y", "dan_toc:pa_di", "dan_toc:thai", "dan_toc:muong",
  "dan_toc:khac", "tuoi:duoi_30", "tuoi:30_45", "tuoi:46_60", "tuoi:tren_60", "hoan_canh:con_nho",
];
const vocabulary = `ARRAY[${VOCABULARY_052.map((t) => `'${t}'`).join(",")}]::text[]`;

export const m052: Migration = {
  version: 52,
  name: "member_tags",
  sql: /* sql */ `
ALTER TABLE members ADD COLUMN profile_tags text[] NOT NULL DEFAULT '{}';

UPDATE articles SET tags = ARRAY(SELECT t FROM unnest(tags) t WHERE t = ANY(${vocabulary})) WHERE NOT tags <@ ${vocabulary};
UPDATE guides SET tags = ARRAY(SELECT t FROM unnest(tags) t WHERE t = ANY(${vocabulary})) WHERE NOT tags <@ ${vocabulary};

DROP TRIGGER members_reader_changed ON members;
CREATE TRIGGER members_reader_changed AFTER UPDATE OF unit_id, language, profile_tags ON members
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.language IS DISTINCT FROM NEW.language
                     OR OLD.profile_tags IS DISTINCT FROM NEW.profile_tags)
  EXECUTE FUNCTION hoiso_member_reader_changed();
`,
};
