import { BroadcastErrorCode, BROADCAST_LINK_KINDS, foldedWords, type BroadcastLinkOption, type BroadcastLinkQuery } from "@hoiso/shared";
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, scopeOf } from "../../policy/policy.js";
import { searchPatterns } from "../content/access.js";

/** The Mini App page of an announcement (mini-app/src/app.tsx): the feed item, marked read when opened. */
export const broadcastLink = (id: string) => `/thong-bao-hoi/${id}`;

type Kind = (typeof BROADCAST_LINK_KINDS)[number];
type Conn = Db | Transaction<DB>;

const TABLE: Record<Kind, "articles" | "guides"> = { article: "articles", guide: "guides" };
/** Its title as the composer shows it: a guide has one; an article's is its Vietnamese variant's (every article has one). */
const TITLE: Record<Kind, RawBuilder<string>> = {
  article: sql<string>`(SELECT v.title FROM article_variants v WHERE v.article_id = x.id ORDER BY v.language = 'vi' DESC, v.language LIMIT 1)`,
  guide: sql<string>`x.title`,
};

/**
 * The one rule for what an announcement may link to, for the composer's picker and the check on sending alike: an
 * item that is out (not a draft, its time come) and that she may see — published for the sending unit or a unit
 * above it, or by a unit of her own subtree. `x` is the item, `xu` its unit.
 */
async function linkable(db: Conn, auth: AuthContext, unitId: string): Promise<RawBuilder<boolean>> {
  const sending = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirstOrThrow();
  const above = sending.path.split("/").filter(Boolean);
  const { paths } = scopeOf(auth);
  return sql<boolean>`(x.status <> 'draft' AND x.publish_at <= now()
    AND (x.audience && ${sql.val(above)}::uuid[] OR xu.path LIKE ANY (${sql.val(paths.map((p) => `${p}%`))}::text[])))`;
}

/** The link on an announcement being sent: 400 unless the picker would have offered it. */
export async function checkLink(tx: Conn, auth: AuthContext, unitId: string, link: { kind: Kind; id: string }): Promise<void> {
  const rule = await linkable(tx, auth, unitId);
  const row = await sql<{ id: string }>`
    SELECT x.id FROM ${sql.table(TABLE[link.kind])} x JOIN units xu ON xu.id = x.unit_id
     WHERE x.id = ${link.id} AND ${rule}`.execute(tx);
  if (row.rows.length === 0) {
    throw badRequest(
      link.kind === "article" ? "Bài viết chị gắn kèm chưa đăng hoặc chị không xem được." : "Hướng dẫn chị gắn kèm chưa đăng hoặc chị không xem được.",
      "link",
      BroadcastErrorCode.BROADCAST_LINK_INVALID,
    );
  }
}

/** How many the picker shows: she narrows by typing, never scrolls through everything. */
const PICKER_LIMIT = 30;

/**
 * What she may attach when sending from `unitId` (her role over it is checked: 404/403), newest first, narrowed by
 * title words typed with or without diacritics (the content's folded search text).
 */
export async function linkOptions(db: Db, auth: AuthContext, query: BroadcastLinkQuery): Promise<BroadcastLinkOption[]> {
  await assertRoleOver(db, auth, query.unitId);
  const rule = await linkable(db, auth, query.unitId);
  const patterns = searchPatterns(foldedWords(query.q ?? ""));
  const words = patterns.length > 0 ? sql.join(patterns.map((p) => sql`x.search_text LIKE ${p}`), sql` AND `) : sql`true`;
  const kinds = query.kind ? [query.kind] : BROADCAST_LINK_KINDS;
  const parts = kinds.map(
    (k) => sql`(SELECT ${k}::text AS kind, x.id, ${TITLE[k]} AS title, x.publish_at FROM ${sql.table(TABLE[k])} x JOIN units xu ON xu.id = x.unit_id
                 WHERE ${rule} AND ${words} ORDER BY x.publish_at DESC LIMIT ${PICKER_LIMIT})`,
  );
  const r = await sql<{ kind: Kind; id: string; title: string }>`
    SELECT kind, id, title FROM (${sql.join(parts, sql` UNION ALL `)}) o ORDER BY publish_at DESC, id LIMIT ${PICKER_LIMIT}`.execute(db);
  return r.rows.map((x) => ({ kind: x.kind, id: x.id, title: x.title }));
}
