import type { BroadcastLinkKind, Feed, FeedItem } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { notFound } from "../../http/errors.js";
import { decodeCursor, encodeCursor } from "../content/access.js";
import { contentLink } from "../content/publishing.js";
import { contestLink, practiceLink } from "../contests/links.js";
import { submissionLink } from "../feedback/links.js";

interface Row {
  id: string;
  title: string;
  body: string;
  unit: string;
  urgent: boolean;
  link_kind: BroadcastLinkKind | null;
  link_id: string | null;
  contest_kind: "contest" | "practice" | null;
  created_at: Date;
  read_at: Date | null;
}

/**
 * Her feed is her in-app announcement rows: only what was sent to her, never anyone else's. Newest first, a page at
 * a time after `after` (the last row of the page before: keyset, so a new announcement does not shift the pages).
 */
const feedRows = (memberId: string, opts: { id?: string; after?: { at: Date; id: string } | null; limit?: number } = {}) => sql<Row>`
  SELECT b.id, b.title, b.body, su.name AS unit, b.urgent, b.link_kind, b.link_id, lc.kind AS contest_kind,
         date_trunc('milliseconds', d.created_at) AS created_at, d.read_at
    FROM deliveries d JOIN broadcasts b ON b.id::text = d.source_id JOIN units su ON su.id = b.unit_id
    LEFT JOIN contests lc ON b.link_kind = 'contest' AND lc.id = b.link_id
   WHERE d.recipient_id = ${memberId} AND d.source_module = 'broadcasts' AND d.channel = 'in_app' AND d.dedupe_key = 'a'
         ${opts.id ? sql`AND d.source_id = ${opts.id}` : sql``}
         ${opts.after ? sql`AND (date_trunc('milliseconds', d.created_at), b.id) < (${opts.after.at}::timestamptz, ${opts.after.id}::uuid)` : sql``}
   ORDER BY date_trunc('milliseconds', d.created_at) DESC, b.id DESC LIMIT ${opts.limit ?? 50}`;

/** The Mini App page a linked item opens on (mini-app/src/app.tsx and each section's routes). */
function linkPath(kind: BroadcastLinkKind, id: string, contestKind: Row["contest_kind"]): string {
  switch (kind) {
    case "article":
      return contentLink("articles", id);
    case "guide":
      return contentLink("guides", id);
    case "contest":
      return contestKind === "practice" ? practiceLink(id) : contestLink(id);
    case "petition":
      return submissionLink(id);
  }
}

const item = (r: Row): FeedItem => ({
  id: r.id,
  title: r.title,
  body: r.body,
  unit: r.unit,
  urgent: r.urgent,
  link: r.link_kind && r.link_id ? linkPath(r.link_kind, r.link_id, r.contest_kind) : null,
  linkKind: r.link_kind && r.link_id ? r.link_kind : null,
  sentAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

export async function memberFeed(db: Db, memberId: string, page: { cursor?: string; limit?: number } = {}): Promise<Feed> {
  const limit = page.limit ?? 20;
  const after = decodeCursor(page.cursor);
  const fetched = await feedRows(memberId, { after, limit: limit + 1 }).execute(db);
  const rows = { rows: fetched.rows.slice(0, limit) };
  const last = rows.rows[rows.rows.length - 1];
  const nextCursor = fetched.rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
  const unread = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM deliveries d
     WHERE d.recipient_id = ${memberId} AND d.source_module = 'broadcasts' AND d.channel = 'in_app' AND d.read_at IS NULL`.execute(db);
  return { unread: unread.rows[0]?.n ?? 0, items: rows.rows.map(item), nextCursor };
}

export async function feedItem(db: Db, memberId: string, id: string): Promise<FeedItem> {
  const r = await feedRows(memberId, { id }).execute(db);
  const row = r.rows[0];
  if (!row) throw notFound("Không tìm thấy thông báo này.");
  return item(row);
}

/** Opening it marks it read (the first time only: the cán bộ sees when she first read it). */
export async function markFeedRead(db: Db, memberId: string, id: string): Promise<void> {
  await feedItem(db, memberId, id);
  await db
    .updateTable("deliveries")
    .set({ read_at: new Date() })
    .where("recipient_id", "=", memberId)
    .where("source_module", "=", "broadcasts")
    .where("source_id", "=", id)
    .where("channel", "=", "in_app")
    .where("read_at", "is", null)
    .execute();
}
