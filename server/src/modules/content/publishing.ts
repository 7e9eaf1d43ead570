import { ContentErrorCode } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { DB } from "../../db/types.js";
import { badRequest, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { deliveriesInsert, outboundIds } from "../notify/outbox.js";
import { enqueueDeliveries } from "../notify/queue.js";
import { inStaffScope, tagsAdmitSql } from "./access.js";

type Tx = Transaction<DB>;
export type ContentTable = "articles" | "guides";

/** The Mini App page that opens an item (mini-app/src/app.tsx). */
export const contentLink = (table: ContentTable, id: string) => (table === "articles" ? `/tim-hieu/bai-viet/${id}` : `/tim-hieu/huong-dan/${id}`);

const notFoundFor = (table: ContentTable) => notFound(table === "articles" ? "Không tìm thấy bài viết này." : "Không tìm thấy hướng dẫn này.");

async function lock(tx: Tx, auth: AuthContext, table: ContentTable, id: string) {
  // both tables share these columns; typed as articles for the builder
  const row = await tx
    .selectFrom(`${table} as a` as "articles as a")
    .select(["a.id", "a.status", "a.publish_at"])
    .where("a.id", "=", id)
    .where(inStaffScope("a", auth))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFoundFor(table);
  return row;
}

/**
 * Tells every member the article is for, in the app only (the broadcast issue adds the bulk OA channel): one
 * notification per member whose unit lies under one of the audience's units and whose profile tags the article's
 * target tags admit (a notification she could not open would only puzzle her). Recording twice sends once.
 */
async function notifyReaders(tx: Tx, articleId: string, now: Date): Promise<string[]> {
  // columns in NOTIFICATION_ROW_COLUMNS order
  const rows = sql`
    SELECT ${articleId}::text, 'published'::text, NULL::bigint, m.id, 'content.published'::text,
           jsonb_build_object('title', v.title, 'unit', pu.name, 'articleKind', a.kind), ${contentLink("articles", articleId)}::text, true, 0
      FROM articles a
      JOIN units pu ON pu.id = a.unit_id
      JOIN article_variants v ON v.article_id = a.id AND v.language = 'vi'
      JOIN members m ON m.unit_id IS NOT NULL
      JOIN units mu ON mu.id = m.unit_id
     WHERE a.id = ${articleId} AND string_to_array(trim(both '/' from mu.path), '/')::uuid[] && a.audience
       AND ${tagsAdmitSql(sql`a.tags`, sql`m.profile_tags`)}`;
  const r = await deliveriesInsert("content", rows, now).execute(tx);
  await tx.updateTable("articles").set({ notified_at: now }).where("id", "=", articleId).execute();
  return outboundIds(r.rows);
}

/** Out now: shown to its audience from this moment; `notify` tells them in the app (articles). */
export async function publishNow(deps: AppDeps, auth: AuthContext, table: ContentTable, id: string, notify: boolean): Promise<void> {
  const ids = await deps.db.transaction().execute(async (tx) => {
    const cur = await lock(tx, auth, table, id);
    const now = new Date();
    // Already out: keep its date, so lists do not reorder on a second click.
    const at = cur.status === "published" && cur.publish_at && cur.publish_at <= now ? cur.publish_at : now;
    await tx.updateTable(table).set({ status: "published", publish_at: at, updated_at: now }).where("id", "=", id).execute();
    // what she chooses now replaces what a schedule asked for
    if (table === "articles") await tx.updateTable("articles").set({ notify_on_publish: notify }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: `content.${table}.publish`, entityType: table, entityId: id, detail: { publishAt: at.toISOString(), notify } });
    return notify && table === "articles" ? notifyReaders(tx, id, now) : [];
  });
  await enqueueDeliveries(deps, ids);
}

/** Goes out by itself at `publishAt` (visibility is decided at read time: no job flips it). */
export async function schedule(deps: AppDeps, auth: AuthContext, table: ContentTable, id: string, publishAt: string, notify: boolean): Promise<void> {
  const at = new Date(publishAt);
  const now = new Date();
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(publishAt)) {
    throw badRequest("Thời điểm đăng không hợp lệ.", "publishAt", ContentErrorCode.CONTENT_SCHEDULE_PAST);
  }
  if (at <= now) throw badRequest("Thời điểm đăng đã qua, chị vui lòng chọn một thời điểm sắp tới.", "publishAt", ContentErrorCode.CONTENT_SCHEDULE_PAST);
  await deps.db.transaction().execute(async (tx) => {
    await lock(tx, auth, table, id);
    if (table === "articles") {
      await tx.updateTable("articles").set({ status: "scheduled", publish_at: at, notify_on_publish: notify, notified_at: null, updated_at: now }).where("id", "=", id).execute();
    } else {
      await tx.updateTable("guides").set({ status: "scheduled", publish_at: at, updated_at: now }).where("id", "=", id).execute();
    }
    await audit(tx, { actorId: auth.memberId, action: `content.${table}.schedule`, entityType: table, entityId: id, detail: { publishAt: at.toISOString(), notify } });
  });
}

/** Back to draft: gone from members' lists, search, detail and media at once. */
export async function unpublish(deps: AppDeps, auth: AuthContext, table: ContentTable, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await lock(tx, auth, table, id);
    await tx.updateTable(table).set({ status: "draft", updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: `content.${table}.unpublish`, entityType: table, entityId: id, detail: {} });
  });
}

/**
 * Scheduled articles that asked to tell their readers, once their time has come: each told once (notified_at), in
 * its own transaction, skipping rows another worker holds. Returns how many articles it told about.
 */
export async function notifyDueArticles(deps: AppDeps, now = new Date()): Promise<number> {
  let told = 0;
  for (;;) {
    const ids = await deps.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom("articles")
        .select("id")
        .where("status", "<>", "draft")
        .where("publish_at", "<=", now)
        .where("notify_on_publish", "=", true)
        .where("notified_at", "is", null)
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return null;
      told++;
      return notifyReaders(tx, due.id, now);
    });
    if (ids === null) return told;
    await enqueueDeliveries(deps, ids);
  }
}

export const scheduledNotifyTask = { name: "content.scheduled-notify", everyMs: 60_000, run: (deps: AppDeps) => notifyDueArticles(deps) };
