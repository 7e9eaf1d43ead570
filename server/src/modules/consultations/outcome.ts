import type { OutcomeBody, OutcomeResult } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { AuthContext } from "../../http/types.js";
import { record } from "../notify/outbox.js";
import { enqueueDeliveries } from "../notify/queue.js";
import { lockConsultation, wrongStatus } from "./access.js";
import { consultationLink } from "./links.js";

/**
 * After the authorities answer, the cán bộ posts the outcome and every woman who took part is told, anonymous or not
 * (the notice goes to her, never about her). The notification key is fixed, so posting again (a corrected text) tells
 * nobody twice; the outbound deliveries are queued after commit.
 */
export async function postOutcome(deps: AppDeps, auth: AuthContext, id: string, body: OutcomeBody): Promise<OutcomeResult> {
  const { ids, notified } = await deps.db.transaction().execute(async (tx) => {
    const c = await lockConsultation(tx, auth, id);
    if (c.status !== "closed") throw wrongStatus("Chị vui lòng kết thúc đợt góp ý trước khi đăng kết quả.");
    const now = new Date();
    const text = body.text.trim();
    const sentTo = body.sentTo.trim();
    await tx.updateTable("consultations").set({ outcome: text, outcome_sent_to: sentTo, outcome_at: c.outcome_at ?? now, updated_at: now }).where("id", "=", id).execute();
    const women = await tx.selectFrom("consultation_participants").select("member_id").where("consultation_id", "=", id).execute();
    const before = await tx.selectFrom("deliveries").select((eb) => eb.fn.countAll<string>().as("n")).where("source_module", "=", "consultations").where("source_id", "=", id).where("dedupe_key", "=", "outcome").where("channel", "=", "in_app").executeTakeFirstOrThrow();
    const ids = await record(tx, {
      source: { module: "consultations", id },
      key: "outcome",
      recipients: women.map((w) => ({ memberId: w.member_id, type: "consultations.outcome", params: { title: c.title, sentTo }, link: consultationLink(id) })),
    });
    const after = await tx.selectFrom("deliveries").select((eb) => eb.fn.countAll<string>().as("n")).where("source_module", "=", "consultations").where("source_id", "=", id).where("dedupe_key", "=", "outcome").where("channel", "=", "in_app").executeTakeFirstOrThrow();
    const notified = Number(after.n) - Number(before.n);
    await audit(tx, { actorId: auth.memberId, action: "consultation.outcome", entityType: "consultation", entityId: id, detail: { sentTo, length: text.length, notified } });
    return { ids, notified };
  });
  await enqueueDeliveries(deps, ids);
  return { notified };
}
