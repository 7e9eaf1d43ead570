import type { Feed, FeedItem } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { notFound } from "../../http/errors.js";
import { contentLink } from "../content/publishing.js";

interface Row {
  id: string;
  title: string;
  body: string;
  unit: string;
  urgent: boolean;
  link_kind: "article" | "guide" | null;
  link_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Her feed is her in-app announcement rows: only what was sent to her, never anyone else's. */
const feedRows = (memberId: string, id?: string) => sql<Row>`
  SELECT b.id, b.title, b.body, su.name AS unit, b.urgent, b.link_kind, b.link_id, d.created_at, d.read_at
    FROM deliveries d JOIN broadcasts b ON b.id::text = d.source_id JOIN units su ON su.id = b.unit_id
   WHERE d.recipient_id = ${memberId} AND d.source_module = 'broadcasts' AND d.channel = 'in_app' AND d.dedupe_key = 'a'
         ${id ? sql`AND d.source_id = ${id}` : sql``}
   ORDER BY d.created_at DESC, b.id DESC LIMIT 50`;

const item = (r: Row): FeedItem => ({
  id: r.id,
  title: r.title,
  body: r.body,
  unit: r.unit,
  urgent: r.urgent,
  link: r.link_kind && r.link_id ? contentLink(r.link_kind === "article" ? "articles" : "guides", r.link_id) : null,
  sentAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

export async function memberFeed(db: Db, memberId: string): Promise<Feed> {
  const rows = await feedRows(memberId).execute(db);
  const unread = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM deliveries d
     WHERE d.recipient_id = ${memberId} AND d.source_module = 'broadcasts' AND d.channel = 'in_app' AND d.read_at IS NULL`.execute(db);
  return { unread: unread.rows[0]?.n ?? 0, items: rows.rows.map(item) };
}

export async function feedItem(db: Db, memberId: string, id: string): Promise<FeedItem> {
  const r = await feedRows(memberId, id).execute(db);
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
