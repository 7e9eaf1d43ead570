import { sql, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import type { Turn } from "./turn.js";

/**
 * Where her conversation goes: the xã/phường of the member her OA id is linked to (verified linking only, zalo/link.ts),
 * else the province. The unit's cán bộ see it in Cán bộ → Tin nhắn.
 */
async function handoverUnit(tx: Transaction<DB>, memberId: string | null): Promise<{ id: string; name: string } | undefined> {
  if (memberId) {
    const xa = await tx
      .selectFrom("members as m")
      .innerJoin("units as mine", "mine.id", "m.unit_id")
      .innerJoin("units as c", (j) => j.on("c.level", "=", "xa").on(sql<boolean>`starts_with(mine.path, c.path)`))
      .select(["c.id", "c.name"])
      .where("m.id", "=", memberId)
      .executeTakeFirst();
    if (xa) return xa;
  }
  return tx.selectFrom("units").select(["id", "name"]).where("level", "=", "tinh").where("active", "=", true).orderBy("created_at").limit(1).executeTakeFirst();
}

/** "gặp cán bộ", or a second answer that did not help: a cán bộ takes the conversation and the bot falls silent. */
export async function handOver(turn: Turn, opts: { quiet?: boolean } = {}): Promise<void> {
  const unit = await handoverUnit(turn.tx, turn.memberId);
  // No union units at all (an empty installation): nobody to hand over to, so the bot keeps the conversation.
  if (!unit) {
    turn.next = { state: "idle", data: {}, failed: 0 };
    if (!opts.quiet) turn.say("not_found");
    return;
  }
  await turn.tx
    .updateTable("chatbot_conversations")
    .set({ mode: "human", unit_id: unit.id, handed_over_at: turn.now, staff_answered_at: null, escalated_at: null, urgent_at: null })
    .where("id", "=", turn.conv.id)
    .execute();
  turn.next = { state: "idle", data: {}, failed: 0 };
  turn.escalateAt = { conversationId: turn.conv.id, at: new Date(turn.now.getTime() + turn.settings.handoverEscalateMinutes * 60_000) };
  // The safety answer already told her a cán bộ is coming.
  if (!opts.quiet) turn.say("handover", { unit: ` ${unit.name}` });
}

/**
 * A handed-over conversation nobody answered within the setting moves up one level (xã → tỉnh), as unanswered feedback
 * does; the clock starts again there. Idempotent: only an unanswered, not yet escalated, still open conversation moves.
 */
export async function escalateConversation(deps: AppDeps, conversationId: string): Promise<"escalated" | "no-op"> {
  const r = await sql<{ id: string }>`
    UPDATE chatbot_conversations c
       SET unit_id = u.parent_id, escalated_at = now()
      FROM units u
     WHERE c.id = ${conversationId} AND u.id = c.unit_id AND u.parent_id IS NOT NULL
       AND c.mode = 'human' AND c.staff_answered_at IS NULL AND c.escalated_at IS NULL
    RETURNING c.id`.execute(deps.db);
  return r.rows.length > 0 ? "escalated" : "no-op";
}

/** The reconciler's sweep: every conversation whose delayed job was lost or never added. */
export async function escalateOverdue(deps: AppDeps): Promise<number> {
  const r = await sql<{ id: string }>`
    UPDATE chatbot_conversations c
       SET unit_id = u.parent_id, escalated_at = now()
      FROM units u, (SELECT (value #>> '{}')::int AS minutes FROM chatbot_settings WHERE key = 'handover_escalate_minutes') s
     WHERE u.id = c.unit_id AND u.parent_id IS NOT NULL
       AND c.mode = 'human' AND c.staff_answered_at IS NULL AND c.escalated_at IS NULL
       AND c.handed_over_at < now() - make_interval(mins => s.minutes)
    RETURNING c.id`.execute(deps.db);
  return r.rows.length;
}
