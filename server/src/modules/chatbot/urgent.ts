import { SAFETY_LIMITS } from "@hoiso/shared";
import { OA_FOLLOWER_STAND_IN } from "../../db/migrations/102_chatbot_urgent.js";
import { fileUrgent } from "../safety/urgent.js";
import { loadSafetySettings } from "../safety/settings.js";
import { communeOfOrNull } from "../safety/units.js";
import { textFrom } from "./texts.js";
import type { Turn } from "./turn.js";

/**
 * The unit alerted for her: the xã of her linked member record (the verified link only), else the province (the
 * chat's handover goes there too). Origin is her own unit when known.
 */
async function alertedUnit(turn: Turn): Promise<{ origin: string; commune: { id: string; name: string } } | null> {
  const { tx, memberId } = turn;
  if (memberId) {
    const me = await tx.selectFrom("members as m").innerJoin("units as u", "u.id", "m.unit_id").select(["u.id", "u.active"]).where("m.id", "=", memberId).executeTakeFirst();
    const commune = me?.active ? await communeOfOrNull(tx, me.id) : null;
    if (me && commune) return { origin: me.id, commune };
  }
  const tinh = await tx.selectFrom("units").select(["id", "name"]).where("level", "=", "tinh").where("active", "=", true).orderBy("created_at").limit(1).executeTakeFirst();
  return tinh ? { origin: tinh.id, commune: tinh } : null;
}

/**
 * A danger phrase in the OA chat: the Mini App's urgent record (safety/urgent.ts — the item, the on-call alert on
 * every channel, the acknowledgement deadline and the escalation after it), in the event's transaction, so a
 * redelivered msg_id (stored once by oa-events) files nothing twice. One open record per conversation: while it is
 * not resolved or closed, a further danger phrase alerts nobody again (the deadline and escalation run on).
 * Inside a guided feedback her words stay private: the record carries a bot sentence instead of what she wrote.
 */
export async function raiseUrgent(turn: Turn, text: string, opts: { private: boolean }): Promise<void> {
  const { tx, conv } = turn;
  const open = await tx
    .selectFrom("chatbot_conversations as c")
    .innerJoin("submissions as s", "s.id", "c.urgent_submission_id")
    .select("s.id")
    .where("c.id", "=", conv.id)
    .where("s.status", "not in", ["resolved", "closed"])
    .executeTakeFirst();
  if (open) return;
  const unit = await alertedUnit(turn);
  if (!unit) return; // an empty installation: no unit, nobody to alert; she has the hotlines
  const authorId = turn.memberId ?? OA_FOLLOWER_STAND_IN;
  const what = opts.private ? textFrom(turn.data.texts, "urgent_private_body", "vi") : text.trim().slice(0, SAFETY_LIMITS.whatMaxLength);
  const filed = await fileUrgent(tx, {
    authorId,
    originUnitId: unit.origin,
    commune: unit.commune,
    what,
    where: "",
    callbackPhoneSealed: null,
    place: null,
    settings: await loadSafetySettings(tx),
    now: turn.now,
  });
  // Counted as an OA-chat item by Tổng hợp (dashboard/figures.ts reads the oa-chat.* keys).
  await tx
    .insertInto("submission_keys")
    .values({ member_id: authorId, key: `oa-chat.urgent.${turn.eventKey}`.slice(0, 128), submission_id: filed.id })
    .execute();
  await tx.updateTable("chatbot_conversations").set({ urgent_submission_id: filed.id }).where("id", "=", conv.id).execute();
  turn.urgentFiled = filed;
}
