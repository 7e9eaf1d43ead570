import type { Transaction } from "kysely";
import type { DB } from "../../db/types.js";

export interface Conversation {
  id: string;
  oa_user_id: string;
  state: string;
  data: Record<string, unknown>;
  expires_at: Date | null;
  failed_answers: number;
  mode: "bot" | "human";
  unit_id: string | null;
  member_id: string | null;
}

/**
 * Her conversation, locked for this transaction (one follower's messages are handled one at a time, whatever the
 * number of workers; other followers are not held up). An expired step falls back to idle.
 */
export async function lockConversation(tx: Transaction<DB>, oaUserId: string, now: Date): Promise<Conversation & { expired: boolean }> {
  await tx.insertInto("chatbot_conversations").values({ oa_user_id: oaUserId }).onConflict((oc) => oc.column("oa_user_id").doNothing()).execute();
  const c = await tx
    .selectFrom("chatbot_conversations")
    .select(["id", "oa_user_id", "state", "data", "expires_at", "failed_answers", "mode", "unit_id", "member_id"])
    .where("oa_user_id", "=", oaUserId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const expired = c.state !== "idle" && c.expires_at !== null && c.expires_at < now;
  return { ...c, data: (c.data ?? {}) as Record<string, unknown>, state: expired ? "idle" : c.state, expired };
}

export async function saveConversation(
  tx: Transaction<DB>,
  c: Pick<Conversation, "id">,
  change: { state: string; data?: Record<string, unknown>; ttlMinutes: number; failed?: number; now: Date },
): Promise<void> {
  await tx
    .updateTable("chatbot_conversations")
    .set({
      state: change.state,
      data: JSON.stringify(change.data ?? {}),
      expires_at: change.state === "idle" ? null : new Date(change.now.getTime() + change.ttlMinutes * 60_000),
      ...(change.failed === undefined ? {} : { failed_answers: change.failed }),
      last_message_at: change.now,
    })
    .where("id", "=", c.id)
    .execute();
}
