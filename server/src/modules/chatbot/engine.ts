import { foldedWords, normalizeTrackingCode } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { textOf } from "../../zalo/text.js";
import type { OaEvent, OaEventJob } from "../../zalo/webhook.js";
import { lockConversation, saveConversation } from "./conversation.js";
import { feedbackStep, startFeedback } from "./feedback-chat.js";
import { handOver } from "./handover.js";
import { bestFaq, closestGuides, judge, type GuideHit } from "./match.js";
import { appLinkOf, botText, loadChatbotSettings } from "./texts.js";
import { attachmentUrl, type Turn } from "./turn.js";
import { chatEscalateQueue, enqueueChatMessages } from "./send.js";
import { within } from "../../queue/within.js";

/** Words she may type for each menu entry, folded; a number alone works too. */
const MENU: Array<{ entry: "news" | "feedback" | "services" | "contests" | "human" | "menu"; words: RegExp }> = [
  { entry: "human", words: /^(gap|goi|noi chuyen voi|hoi) ?(can bo|cb|nguoi that|nguoi)\b/ },
  { entry: "news", words: /^(1|tin tuc|tin)$/ },
  { entry: "feedback", words: /^(2|phan anh|phan anh kien nghi|kien nghi|gui phan anh)$/ },
  { entry: "services", words: /^(3|dich vu cong|dich vu|dvc|thu tuc)$/ },
  { entry: "contests", words: /^(4|cuoc thi|thi)$/ },
  { entry: "menu", words: /^(menu|bat dau|chao|xin chao|hi|hello|0|quay lai)$/ },
];

export function menuEntry(text: string) {
  const f = foldedWords(text).join(" ");
  return MENU.find((m) => m.words.test(f))?.entry ?? null;
}

/** "ma PA-7KM3QX9", "mã pa 7km3qx9", or the code alone. */
export function trackingCodeIn(text: string): string | null {
  const m = /(?:^|\s|ma\s*)((?:PA|BC|KN)[\s\-_.]?[0-9A-Z]{3}[\s\-_.]?[0-9A-Z]{4})\b/i.exec(foldedWords(text).join(" ").toUpperCase().replace(/^MA /, ""));
  return m ? normalizeTrackingCode(m[1] as string) : null;
}

/** What to do once the event's transaction committed: queue these replies, and maybe a handover's escalation. */
export interface ChatEffects {
  messages: string[];
  escalate: { conversationId: string; at: Date } | null;
}
const NONE: ChatEffects = { messages: [], escalate: null };

/** After commit: the replies to the send queue, the escalation as a delayed job (the reconciler covers both). */
export async function afterChatCommit(deps: AppDeps, fx: ChatEffects): Promise<void> {
  await enqueueChatMessages(deps, fx.messages);
  if (fx.escalate) {
    const { conversationId, at } = fx.escalate;
    await within(
      chatEscalateQueue.add(deps.queues, "escalate", { conversationId }, { jobId: `chat-esc-${conversationId}-${at.getTime()}`, delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } }),
    ).catch(() => undefined); // the reconciler's sweep escalates it anyway
  }
}

const STICKER_LIKE = new Set(["user_send_sticker", "user_send_location", "user_send_file", "user_send_gif", "user_send_link", "user_send_business_card"]);

/**
 * One OA event, handed over by the oa-events processor inside its transaction (so the event, her conversation and
 * the bot's replies are written together, once per msg_id). Returns the ids of the outbound messages to queue after
 * commit. Events the bot does not talk about (receipts, unknown names) change nothing.
 */
export async function handleChatEvent(deps: AppDeps, tx: Transaction<DB>, job: OaEventJob, eventKey: string): Promise<ChatEffects> {
  const oaUserId = job.oaUserId;
  const name = job.eventName;
  const talks = name === "follow" || name === "user_send_text" || name === "user_send_image" || name === "user_send_audio" || STICKER_LIKE.has(name);
  if (!oaUserId || !talks) return NONE;
  const now = new Date();
  const settings = await loadChatbotSettings(tx);
  const conv = await lockConversation(tx, oaUserId, now);
  const member = await tx.selectFrom("members").select(["id", "language"]).where("zalo_oa_user_id", "=", oaUserId).executeTakeFirst();
  const event = job.event;
  const text = name === "user_send_text" ? textOf((event.message as { text?: unknown } | undefined)?.text) : "";
  const inbound = describeInbound(name, event, text);
  const privateFlow = conv.state.startsWith("fb_");
  await tx
    .insertInto("chatbot_messages")
    .values({ conversation_id: conv.id, direction: "in", author: "user", event_key: eventKey, text: inbound.slice(0, 4000), private: privateFlow })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (member && member.id !== conv.member_id) {
    await tx.updateTable("chatbot_conversations").set({ member_id: member.id }).where("id", "=", conv.id).execute();
  }
  await tx.updateTable("chatbot_conversations").set({ last_message_at: now }).where("id", "=", conv.id).execute();
  // A cán bộ has her: the bot says nothing until the cán bộ closes the conversation.
  if (conv.mode === "human") return NONE;

  const turn: Turn = {
    deps,
    tx,
    conv,
    lang: member?.language ?? "vi",
    settings,
    now,
    eventKey,
    memberId: member?.id ?? null,
    replies: [],
    next: { state: conv.state, data: conv.data },
    async say(key, params = {}, opts = {}) {
      turn.replies.push({ text: await botText(tx, key, turn.lang, { appLink: appLinkOf(deps), ...params }), private: opts.private === true });
    },
  };

  if (await overLimit(tx, conv.id, settings.perFollowerPerMinute, turn)) return writeReplies(turn);
  if (conv.expired && name !== "follow") await turn.say("expired");
  await respond(turn, name, event, text);
  await saveConversation(tx, conv, { ...turn.next, ttlMinutes: settings.conversationTtlMinutes, now });
  return writeReplies(turn);
}

function describeInbound(name: string, event: OaEvent, text: string): string {
  if (name === "user_send_text") return text;
  if (name === "follow") return "[quan tâm OA]";
  const url = attachmentUrl(event);
  return `[${name.replace("user_send_", "")}]${url ? ` ${url}` : ""}`;
}


/**
 * Her own flood is answered once ("chị nhắn nhanh quá") and then not at all until the minute has passed; nobody else is
 * held up, as the count is hers alone.
 */
async function overLimit(tx: Transaction<DB>, conversationId: string, perMinute: number, turn: Turn): Promise<boolean> {
  const r = await tx
    .selectFrom("chatbot_messages")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .where("created_at", ">", sql<Date>`now() - interval '1 minute'`)
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  if (n <= perMinute) return false;
  if (n === perMinute + 1) await turn.say("rate_limited");
  return true;
}

async function respond(turn: Turn, name: string, event: OaEvent, text: string): Promise<void> {
  if (name === "follow") {
    turn.next = { state: "idle", data: {}, failed: 0 };
    return turn.say("welcome");
  }
  if (turn.next.state.startsWith("fb_")) return feedbackStep(turn, name, event, text);
  if (name !== "user_send_text") return turn.say("unsupported");
  if (text.trim() === "") return turn.say("empty");
  if (text.length > turn.settings.maxTextChars) return turn.say("too_long");

  const code = trackingCodeIn(text);
  if (code) return statusOf(turn, code);

  // A number picks one of the topics the bot offered just before.
  const offered = Array.isArray(turn.next.data.offer) ? (turn.next.data.offer as string[]) : [];
  const pick = /^\s*([1-9])\s*$/.exec(text);
  if (offered.length > 0 && pick) {
    const id = offered[Number(pick[1]) - 1];
    if (id) return answerGuide(turn, id, null);
  }

  switch (menuEntry(text)) {
    case "human":
      return handOver(turn);
    case "news":
      turn.next = { state: "idle", data: {} };
      return turn.say("news");
    case "contests":
      turn.next = { state: "idle", data: {} };
      return turn.say("contests");
    case "feedback":
      return startFeedback(turn);
    case "services":
      return listServices(turn);
    case "menu":
      turn.next = { state: "idle", data: {}, failed: 0 };
      return turn.say("menu");
    default:
      return answerQuestion(turn, text);
  }
}

const numbered = (titles: string[]) => titles.map((t, i) => `${i + 1} - ${t}`).join("\n");

async function listServices(turn: Turn): Promise<void> {
  const guides = await turn.tx
    .selectFrom("guides")
    .select(["id", "title"])
    .where("status", "<>", "draft")
    .where("publish_at", "<=", turn.now)
    .orderBy("publish_at", "desc")
    .limit(9)
    .execute();
  turn.next = { state: "idle", data: { offer: guides.map((g) => g.id) } };
  await turn.say("services_list", { list: numbered(guides.map((g) => g.title)) });
}

/** The answer comes from the guide as written (its FAQ entry when her question is one of them), never composed. */
async function answerGuide(turn: Turn, guideId: string, question: string | null): Promise<void> {
  const g = await turn.tx.selectFrom("guides").select(["id", "title", "summary", "steps", "faq"]).where("id", "=", guideId).executeTakeFirst();
  if (!g) return turn.say("not_found");
  const faq = question ? await bestFaq(turn.tx, question, g.faq) : null;
  const steps = (g.steps as GuideHit["steps"]).map((s, i) => `${i + 1}. ${s.title}`).join("\n");
  const body = faq ? `${faq.question}\n${faq.answer}` : [g.summary, steps].filter((x) => x !== "").join("\n");
  turn.next = { state: "idle", data: {}, failed: 0 };
  await turn.say("answer", { title: g.title, body });
}

async function answerQuestion(turn: Turn, text: string): Promise<void> {
  const hits = await closestGuides(turn.tx, text);
  const verdict = judge(hits);
  if (verdict.kind === "answer") return answerGuide(turn, verdict.guide.id, text);
  const failed = turn.conv.failed_answers + 1;
  // Two answers in a row that did not help: a person takes over.
  if (failed >= 2) return handOver(turn);
  if (verdict.kind === "unsure") {
    turn.next = { state: "idle", data: { offer: verdict.guides.map((g) => g.id) }, failed };
    return turn.say("unsure", { list: numbered(verdict.guides.map((g) => g.title)) });
  }
  turn.next = { state: "idle", data: {}, failed };
  return turn.say("not_found");
}

/** Only her own items (by her linked member record): another woman's code gets the same "not found". */
async function statusOf(turn: Turn, code: string): Promise<void> {
  const item = turn.memberId
    ? await turn.tx
        .selectFrom("submissions")
        .select(["status", "updated_at"])
        .where("tracking_code", "=", code)
        .where("author_id", "=", turn.memberId)
        .executeTakeFirst()
    : undefined;
  if (!item) return turn.say("status_unknown", { code });
  const status = await botText(turn.tx, `status_${item.status}`, turn.lang);
  const at = item.updated_at.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
  await turn.say("status", { code, status, at });
}

/** The replies as pending outbound rows, keyed by the message they answer: a redelivered msg_id writes nothing twice. */
async function writeReplies(turn: Turn): Promise<ChatEffects> {
  if (turn.replies.length === 0) return { messages: [], escalate: turn.escalateAt ?? null };
  const rows = await turn.tx
    .insertInto("chatbot_messages")
    .values(
      turn.replies.map((r, seq) => ({
        conversation_id: turn.conv.id,
        direction: "out" as const,
        author: "bot" as const,
        event_key: turn.eventKey,
        seq,
        text: r.text,
        private: r.private,
        status: "pending" as const,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .execute();
  return { messages: rows.map((r) => r.id), escalate: turn.escalateAt ?? null };
}
