import { foldedWords } from "@hoiso/shared";
import type { OaEvent } from "../../zalo/webhook.js";
import { AppError } from "../../http/errors.js";
import { createSubmission } from "../feedback/intake.js";
import { attachmentUrl, type Turn } from "./turn.js";
import { saveChatMedia } from "./media.js";

interface Draft {
  category?: string;
  categoryName?: string;
  categories?: Array<{ code: string; name: string; private: boolean }>;
  /** A private category (violence, abuse): discreet like notify's rule, so no tracking code on Zalo. */
  private?: boolean;
  text?: string;
  media?: Array<{ id: string; kind: "image" | "audio" }>;
  anonymous?: boolean;
}

const P = { private: true };
const draftOf = (turn: Turn) => turn.next.data as Draft;
const word = (text: string) => foldedWords(text).join(" ");
const CANCEL = /^(huy|thoi|dung|khong gui|cancel)$/;

/** "2 / phản ánh": only for a follower linked to her member record (the item needs an author with a unit). */
export async function startFeedback(turn: Turn): Promise<void> {
  if (!turn.memberId) {
    turn.next = { state: "idle", data: {} };
    return turn.say("fb_need_link");
  }
  const categories = await turn.tx
    .selectFrom("categories")
    .select(["code", "name", "private"])
    .where("active", "=", true)
    .orderBy("sort")
    .orderBy("code")
    .limit(9)
    .execute();
  turn.next = { state: "fb_category", data: { categories } satisfies Draft };
  turn.say("fb_category", { list: categories.map((c, i) => `${i + 1} - ${c.name}`).join("\n") }, P);
}

/**
 * One step of the guided feedback: category → what happened (text, photos, a voice message) → anonymous or not →
 * confirm. The item is then created by the feedback intake, the same service, rules and routing as the Mini App's
 * form; its idempotency key is the confirming message's key, so a redelivery cannot create a second item.
 */
export async function feedbackStep(turn: Turn, name: string, event: OaEvent, text: string): Promise<void> {
  const d = draftOf(turn);
  if (name === "user_send_text" && CANCEL.test(word(text))) {
    turn.next = { state: "idle", data: {} };
    return turn.say("fb_cancelled", {}, P);
  }
  switch (turn.next.state) {
    case "fb_category": {
      const i = Number(/^\s*([1-9])\s*$/.exec(text)?.[1] ?? "0") - 1;
      const c = d.categories?.[i];
      if (!c) return turn.say("fb_choose", {}, P);
      turn.next = { state: "fb_text", data: { category: c.code, categoryName: c.name, private: c.private, media: [] } satisfies Draft };
      return turn.say("fb_text", {}, P);
    }
    case "fb_text": {
      if (name === "user_send_image" || name === "user_send_audio") {
        const url = attachmentUrl(event);
        const saved = url && turn.memberId ? await saveChatMedia(turn.deps, turn.memberId, url) : null;
        if (!saved) return turn.say("unsupported", {}, P);
        turn.next = { state: "fb_text", data: { ...d, media: [...(d.media ?? []), saved] } };
        return turn.say("fb_attached", {}, P);
      }
      if (name !== "user_send_text") return turn.say("unsupported", {}, P);
      if (text.trim() === "") return turn.say("empty", {}, P);
      if (text.length > turn.settings.maxTextChars) return turn.say("too_long", {}, P);
      const done = /^(xong|het|du roi|vay thoi)$/.test(word(text));
      if (done && !d.text) return turn.say("fb_text", {}, P);
      const body = done ? (d.text ?? "") : [d.text, text.trim()].filter(Boolean).join("\n");
      turn.next = { state: "fb_anonymous", data: { ...d, text: body } };
      return turn.say("fb_anonymous", {}, P);
    }
    case "fb_anonymous": {
      const f = word(text);
      const anonymous = f === "1" || f.startsWith("giau") || f === "co" ? true : f === "2" || f.startsWith("de ten") || f === "khong" ? false : null;
      if (anonymous === null) return turn.say("fb_anonymous", {}, P);
      turn.next = { state: "fb_confirm", data: { ...d, anonymous } };
      const anonText = turn.text(anonymous ? "fb_anon_yes" : "fb_anon_no");
      return turn.say("fb_confirm", { category: d.categoryName ?? "", text: d.text ?? "", media: String(d.media?.length ?? 0), anonymous: anonText }, P);
    }
    case "fb_confirm": {
      const f = word(text);
      if (f === "2" || f === "khong") {
        turn.next = { state: "idle", data: {} };
        return turn.say("fb_cancelled", {}, P);
      }
      if (f !== "1" && f !== "gui" && f !== "co" && f !== "dong y") return turn.say("fb_choose", {}, P);
      return submit(turn, d);
    }
    default:
      turn.next = { state: "idle", data: {} };
      return turn.say("menu");
  }
}

async function submit(turn: Turn, d: Draft): Promise<void> {
  turn.next = { state: "idle", data: {} };
  if (!turn.memberId || !d.category || !d.text) return turn.say("fb_cancelled", {}, P);
  try {
    const r = await createSubmission(
      turn.deps,
      { memberId: turn.memberId, roles: [] },
      { kind: "feedback", category: d.category, body: d.text, anonymous: d.anonymous === true, mediaIds: (d.media ?? []).map((m) => m.id) },
      `oa-chat.${turn.eventKey}`.slice(0, 128),
    );
    // As notify/text.ts does for sensitive items: what Zalo shows on her phone carries no reference code.
    if (d.private) turn.say("fb_sent_private", {}, P);
    else turn.say("fb_sent", { code: r.created.trackingCode }, P);
  } catch (err) {
    // Her mistake (a rule of the intake): say why in its own Vietnamese words; anything else is retried by the queue.
    if (err instanceof AppError && err.status < 500) return turn.say("fb_failed", { reason: err.message }, P);
    throw err;
  }
}
