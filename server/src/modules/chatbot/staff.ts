import type { ChatConversation, ChatConversationDetail } from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { badRequest, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";
import { auditSensitiveRead, seesSubmission, staffScope } from "../feedback/access.js";
import { enqueueChatMessages } from "./send.js";
import { botText } from "./texts.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** Handed-over conversations (and their units) inside her cán bộ/admin scope; the base of every staff read. */
function inScope(db: Conn, auth: AuthContext) {
  const { paths } = scopeOf(auth);
  return db
    .selectFrom("chatbot_conversations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .leftJoin("members as m", "m.id", "c.member_id")
    .select([
      "c.id",
      "c.unit_id",
      "u.name as unit_name",
      "m.name as member_name",
      "c.handed_over_at",
      "c.last_message_at",
      "c.staff_answered_at",
      "c.escalated_at",
      "c.urgent_at",
      "c.oa_user_id",
      "c.urgent_submission_id",
      sql<string>`coalesce((SELECT text FROM chatbot_messages x WHERE x.conversation_id = c.id AND NOT x.private ORDER BY x.id DESC LIMIT 1), '')`.as("last_text"),
    ])
    .where("c.mode", "=", "human")
    .where(paths.length === 0 ? sql<boolean>`false` : sql<boolean>`u.path LIKE ANY (${paths.map((p) => `${p}%`)}::text[])`);
}

type Row = Awaited<ReturnType<ReturnType<typeof inScope>["executeTakeFirstOrThrow"]>>;
const view = (r: Row): ChatConversation => ({
  id: r.id,
  // Her name only through the verified link; the bot never asks it, and what she sent anonymously is never shown.
  who: r.member_name ?? null,
  unitId: r.unit_id as string,
  unitName: r.unit_name,
  handedOverAt: (r.handed_over_at ?? r.last_message_at).toISOString(),
  lastMessageAt: new Date(r.last_message_at).toISOString(),
  lastText: r.last_text,
  answered: r.staff_answered_at !== null,
  escalated: r.escalated_at !== null,
  urgent: r.urgent_at !== null,
});

/**
 * A conversation where she wrote a danger phrase holds what the urgent record holds: it follows the private-item
 * rule of that record (a cán bộ of a unit it is assigned to now, or the province), not the conversation's subtree.
 */
async function urgentReadable(db: Conn, auth: AuthContext, rows: readonly Row[]): Promise<Row[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.urgent_submission_id ? [r.urgent_submission_id] : [])))];
  if (ids.length === 0) return [...rows];
  const scope = await staffScope(db, auth);
  const assigned = await db
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.submission_id", "a.unit_id as unitId", "u.path", "a.closed"])
    .where("a.submission_id", "in", ids)
    .execute();
  return rows.filter((r) => !r.urgent_submission_id || seesSubmission(scope, true, assigned.filter((a) => a.submission_id === r.urgent_submission_id)));
}

/** One conversation in her scope (and, when urgent, under the record's rule), or 404 either way. */
async function oneInScope(db: Conn, auth: AuthContext, id: string, lock = false): Promise<Row> {
  const q = inScope(db, auth).where("c.id", "=", id);
  const row = await (lock ? q.forUpdate("c") : q).executeTakeFirst();
  const [readable] = row ? await urgentReadable(db, auth, [row]) : [];
  if (!readable) throw notFound("Không tìm thấy cuộc trò chuyện này.");
  return readable;
}

export async function listConversations(deps: AppDeps, auth: AuthContext): Promise<ChatConversation[]> {
  // A woman who wrote a danger phrase comes first, whatever came in since.
  const rows = await inScope(deps.db, auth).orderBy(sql`c.urgent_at IS NULL`).orderBy("c.last_message_at", "desc").limit(200).execute();
  return (await urgentReadable(deps.db, auth, rows)).map(view);
}

/**
 * One conversation with its history. Messages of a guided feedback are left out: the item may be anonymous, and
 * its text next to her name would say who sent it.
 */
export async function conversationDetail(deps: AppDeps, auth: AuthContext, id: string): Promise<ChatConversationDetail> {
  const row = await oneInScope(deps.db, auth, id);
  // What she wrote there is part of the urgent record: every look is traced like a look at the record.
  if (row.urgent_submission_id) await auditSensitiveRead(deps.db, auth.memberId, row.urgent_submission_id, { screen: "chatbot.conversation", conversationId: id });
  const messages = await deps.db
    .selectFrom("chatbot_messages")
    .select(["id", "direction", "author", "text", "status", "created_at"])
    .where("conversation_id", "=", id)
    .where("private", "=", false)
    .orderBy("id", "desc")
    .limit(200)
    .execute();
  return {
    conversation: view(row),
    messages: messages.reverse().map((m) => ({ id: String(m.id), direction: m.direction, author: m.author, text: m.text, status: m.status, at: new Date(m.created_at).toISOString() })),
  };
}

/** The cán bộ's answer goes out through the chat outbox (same token, window and rate as the bot's). */
export async function replyToConversation(deps: AppDeps, auth: AuthContext, id: string, text: string): Promise<void> {
  const body = text.trim();
  if (body === "") throw badRequest("Chị chưa nhập nội dung trả lời.", "text");
  const ids = await deps.db.transaction().execute(async (tx) => {
    await oneInScope(tx, auth, id, true);
    const m = await tx
      .insertInto("chatbot_messages")
      .values({ conversation_id: id, direction: "out", author: "staff", staff_id: auth.memberId, text: body, status: "pending" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx.updateTable("chatbot_conversations").set({ staff_answered_at: new Date(), last_message_at: new Date() }).where("id", "=", id).execute();
    return [m.id];
  });
  await enqueueChatMessages(deps, ids);
}

/** Ends the handover: the bot answers her again, and tells her so. */
export async function closeConversation(deps: AppDeps, auth: AuthContext, id: string): Promise<void> {
  const ids = await deps.db.transaction().execute(async (tx) => {
    const row = await oneInScope(tx, auth, id, true);
    const lang = (await tx.selectFrom("members").select("language").where("zalo_oa_user_id", "=", row.oa_user_id).executeTakeFirst())?.language ?? "vi";
    await tx
      .updateTable("chatbot_conversations")
      .set({ mode: "bot", state: "idle", data: "{}", expires_at: null, failed_answers: 0, unit_id: null, urgent_at: null })
      .where("id", "=", id)
      .execute();
    const m = await tx
      .insertInto("chatbot_messages")
      .values({ conversation_id: id, direction: "out", author: "bot", staff_id: auth.memberId, text: await botText(tx, "handover_closed", lang), status: "pending" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return [m.id];
  });
  await enqueueChatMessages(deps, ids);
}
