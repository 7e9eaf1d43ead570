import type { ArticleReach } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { inStaffScope } from "./access.js";
import { articleNotFound } from "./articles.js";

/**
 * Who opened, read to the end and studied an article: in total, and for each unit of its audience and each unit right
 * below those (each counting the members of its subtree), so a xã sees its chi hội side by side.
 */
export async function articleReach(db: Db, auth: AuthContext, id: string): Promise<ArticleReach> {
  const a = await db.selectFrom("articles as a").select(["a.id", "a.audience"]).where("a.id", "=", id).where(inStaffScope("a", auth)).executeTakeFirst();
  if (!a) throw articleNotFound();
  const [total, units] = await Promise.all([
    db
      .selectFrom("article_reads")
      .select([
        sql<number>`count(opened_at)::int`.as("opened"),
        sql<number>`count(read_to_end_at)::int`.as("readToEnd"),
        sql<number>`count(studied_at)::int`.as("studied"),
      ])
      .where("article_id", "=", id)
      .executeTakeFirstOrThrow(),
    sql<{ unitId: string; unitName: string; opened: number; readToEnd: number; studied: number }>`
      WITH scope AS (
        SELECT u.id, u.name, u.path FROM units u
         WHERE u.active AND (u.id = ANY(${a.audience}::uuid[]) OR u.parent_id = ANY(${a.audience}::uuid[]))
      ), reads AS (
        SELECT r.opened_at, r.read_to_end_at, r.studied_at, mu.path
          FROM article_reads r JOIN members m ON m.id = r.member_id JOIN units mu ON mu.id = m.unit_id
         WHERE r.article_id = ${id}
      )
      SELECT s.id AS "unitId", s.name AS "unitName",
             count(x.opened_at)::int AS opened, count(x.read_to_end_at)::int AS "readToEnd", count(x.studied_at)::int AS studied
        FROM scope s LEFT JOIN reads x ON x.path LIKE s.path || '%'
       GROUP BY s.id, s.name, s.path
       ORDER BY length(s.path), s.name`.execute(db),
  ]);
  return { total, units: units.rows };
}
