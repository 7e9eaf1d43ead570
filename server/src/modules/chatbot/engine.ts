import { foldedWords, normalizeTrackingCode } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { textOf } from "../../zalo/text.js";
import type { OaEvent, OaEventJob } from "../../zalo/webhook.js";
import { chatbotCacheOf } from "./cache.js";
import type { Conversation } from "./conversation.js";
import { feedbackStep, startFeedback } from "./feedback-chat.js";
import { handOver } from "./handover.js";
import { intentOf } from "./intents.js";
import { bestFaq, closestGuides, isVague, judge, type GuideHit } from "./match.js";
import { appLinkOf, textFrom } from "./texts.js";
import { attachmentUrl, type Turn } from "./turn.js";
import { chatEscalateQueue, enqueueChatMessages } from "./send.js";
import { within } from "../../queue/within.js";
import { afterUrgentCommit, type UrgentFiled } from "../safety/urgent.js";
import { raiseUrgent } from "./urgent.js";

/** "ma PA-7KM3QX9", "mã pa 7km3qx9", or the code alone. */
export function trackingCodeIn(text: string): string | null {
  const m = /(?:^|\s|ma\s*)((?:PA|BC|KN)[\s\-_.]?[0-9A-Z]{3}[\s\-_.]?[0-9A-Z]{4})\b/i.exec(foldedWords(text).join(" ").toUpperCase().replace(/^MA /, ""));
  return m ? normalizeTrackingCode(m[1] as string) : null;
}

/** What to do once the event's transaction committed: queue these replies, and maybe a handover's escalation. */
export interface ChatEffects {
  messages: string[];
  escalate: { conversationId: string; at: Date } | null;
  urgent: Pick<UrgentFiled, "fx" | "assignmentId" | "ackDueAt"> | null;
}
const NONE: ChatEffects = { messages: [], escalate: null, urgent: null };

/** After commit: the replies to the send queue, the escalation as a delayed job (the reconciler covers both). */
export async function afterChatCommit(deps: AppDeps, fx: ChatEffects): Promise<void> {
  // The on-call alert first: minutes count (the safety reconcilers cover a failure here, as for the Mini App's).
  if (fx.urgent) await afterUrgentCommit(deps, fx.urgent);
  await enqueueChatMessages(deps, fx.messages);
  if (fx.escalate) {
    const { conversationId, at } = fx.escalate;
    await within(
      chatEscalateQueue.add(deps.queues, "escalate", { conversationId }, { jobId: `chat-esc-${conversationId}-${at.getTime()}`, delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } }),
    ).catch(() => undefined); // the reconciler's sweep escalates it anyway
  }
}

const STICKER_LIKE = new Set(["user_send_sticker", "user_send_location", "user_send_file", "user_send_gif", "user_send_link", "user_send_business_card"]);

interface OpenedConversation extends Conversation {
  expired: boolean;
  /** Her member record when her OA id is linked now (the verified way), and its language. */
  linkedId: string | null;
  language: string | null;
  /** Events she sent in the current minute, this one included. */
  rateCount: number;
}

/**
 * Her conversation, in one statement: created on her first message, locked for this transaction (one follower's
 * messages are handled one at a time, whatever the number of workers; others are not held up), her linked member
 * record and language read, the message counted against her flood limit, and the time of her last message set.
 */
async function openConversation(tx: Transaction<DB>, oaUserId: string, now: Date): Promise<OpenedConversation> {
  const r = await sql<Conversation & { rate_count: number; linked_id: string | null; language: string | null }>`
    WITH m AS (SELECT id, language FROM members WHERE zalo_oa_user_id = ${oaUserId} LIMIT 1)
    INSERT INTO chatbot_conversations AS c (oa_user_id, member_id, rate_window_at, rate_count, last_message_at)
    VALUES (${oaUserId}, (SELECT id FROM m), now(), 1, now())
    ON CONFLICT (oa_user_id) DO UPDATE SET
      member_id = coalesce((SELECT id FROM m), c.member_id),
      last_message_at = now(),
      rate_count = CASE WHEN c.rate_window_at > now() - interval '1 minute' THEN c.rate_count + 1 ELSE 1 END,
      rate_window_at = CASE WHEN c.rate_window_at > now() - interval '1 minute' THEN c.rate_window_at ELSE now() END
    RETURNING c.id, c.oa_user_id, c.state, c.data, c.expires_at, c.failed_answers, c.mode, c.unit_id, c.member_id, c.rate_count,
              (SELECT id FROM m) AS linked_id, (SELECT language FROM m) AS language`.execute(tx);
  const c = r.rows[0];
  if (!c) throw new Error("chatbot: the conversation upsert returned no row");
  const expired = c.state !== "idle" && c.expires_at !== null && new Date(c.expires_at) < now;
  return {
    ...c,
    data: (c.data ?? {}),
    state: expired ? "idle" : c.state,
    expired,
    linkedId: c.linked_id,
    language: c.language,
    rateCount: c.rate_count,
  };
}

/**
 * One OA event, handed over by the oa-events processor inside its transaction (so the event, her conversation and
 * the bot's replies are written together, once per msg_id). Returns the ids of the outbound messages to queue after
 * commit. Events the bot does not talk about (receipts, unknown names) change nothing. A turn costs two statements
 * of its own (open the conversation; write the messages and the new state together) plus the guide search when she
 * asks something; the bot's sentences, settings and keywords come from this process's cache.
 */
export async function handleChatEvent(deps: AppDeps, tx: Transaction<DB>, job: OaEventJob, eventKey: string): Promise<ChatEffects> {
  const oaUserId = job.oaUserId;
  const name = job.eventName;
  const talks = name === "follow" || name === "user_send_text" || name === "user_send_image" || name === "user_send_audio" || STICKER_LIKE.has(name);
  if (!oaUserId || !talks) return NONE;
  const now = new Date();
  const data = await chatbotCacheOf(deps).get(tx);
  const settings = data.settings;
  const conv = await openConversation(tx, oaUserId, now);
  const event = job.event;
  const text = name === "user_send_text" ? textOf((event.message as { text?: unknown } | undefined)?.text) : "";
  const privateFlow = conv.mode === "bot" && conv.state.startsWith("fb_");
  const inbound = { text: describeInbound(name, event, text).slice(0, 4000), private: privateFlow };
  const lang = conv.language ?? "vi";
  const appLink = appLinkOf(deps);

  const turn: Turn = {
    deps,
    tx,
    conv,
    lang,
    settings,
    data,
    now,
    eventKey,
    memberId: conv.linkedId,
    replies: [],
    next: { state: conv.state, data: conv.data },
    text: (key, params = {}) => textFrom(data.texts, key, lang, { appLink, ...params }),
    say(key, params = {}, opts = {}) {
      turn.replies.push({ text: turn.text(key, params), private: opts.private === true });
    },
  };

  // Danger first, always: before the flood limit, an expired step, a handover's silence or anything she was doing.
  const danger = name === "user_send_text" && intentOf(text, data.intents) === "danger";
  if (danger) {
    turn.urgent = true;
    await raiseUrgent(turn, text, { private: privateFlow });
    if (conv.mode === "human") {
      turn.say("safety");
      return finish(turn, inbound, false);
    }
    if (!privateFlow) {
      turn.say("safety");
      await handOver(turn, { quiet: true });
      return finish(turn, inbound, true);
    }
    turn.say("safety_private", {}, { private: true });
  }
  // A cán bộ has her: the bot says nothing until the cán bộ closes the conversation.
  if (conv.mode === "human") return finish(turn, inbound, false);
  if (!danger && conv.rateCount > settings.perFollowerPerMinute) {
    // Her own flood is answered once, then not at all until her minute has passed; nobody else is held up.
    if (conv.rateCount === settings.perFollowerPerMinute + 1) turn.say("rate_limited");
    return finish(turn, inbound, false);
  }
  if (conv.expired && name !== "follow" && !danger) turn.say("expired");
  await respond(turn, name, event, text);
  return finish(turn, inbound, true);
}

function describeInbound(name: string, event: OaEvent, text: string): string {
  if (name === "user_send_text") return text;
  if (name === "follow") return "[quan tâm OA]";
  const url = attachmentUrl(event);
  return `[${name.replace("user_send_", "")}]${url ? ` ${url}` : ""}`;
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
    if (id) return answerGuide(turn, id, null, null);
  }

  switch (intentOf(text, turn.data.intents)) {
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
  return offerGuides(turn, "services_list");
}

/** The published guides (newest first) as a numbered list her next number opens, in the sentence `key`. */
async function offerGuides(turn: Turn, key: "services_list" | "clarify"): Promise<void> {
  const guides = await turn.tx
    .selectFrom("guides")
    .select(["id", "title"])
    .where("status", "<>", "draft")
    .where("publish_at", "<=", turn.now)
    .orderBy("publish_at", "desc")
    .limit(9)
    .execute();
  turn.next = { state: "idle", data: { offer: guides.map((g) => g.id) } };
  turn.say(key, { list: numbered(guides.map((g) => g.title)) });
}

/** The answer comes from the guide as written (its FAQ entry when her question is one of them), never composed. */
async function answerGuide(turn: Turn, guideId: string, question: string | null, hit: GuideHit | null): Promise<void> {
  const g = hit ?? (await turn.tx.selectFrom("guides").select(["id", "title", "summary", "steps", "faq"]).where("id", "=", guideId).executeTakeFirst());
  if (!g) return turn.say("not_found");
  const faq = question ? await bestFaq(turn.tx, question, g.faq) : null;
  const steps = (g.steps as GuideHit["steps"]).map((s, i) => `${i + 1}. ${s.title}`).join("\n");
  const body = faq ? `${faq.question}\n${faq.answer}` : [g.summary, steps].filter((x) => x !== "").join("\n");
  turn.next = { state: "idle", data: {}, failed: 0 };
  turn.say("answer", { title: g.title, body });
}

async function answerQuestion(turn: Turn, text: string): Promise<void> {
  // "cho hoi", "lam the nao": she is asked what about, with the guides to pick from. Often the first half of her
  // question, so it is not an answer that failed her (two of those hand her over).
  if (isVague(text)) return offerGuides(turn, "clarify");
  const hits = await closestGuides(turn.tx, text);
  const verdict = judge(hits);
  if (verdict.kind === "answer") return answerGuide(turn, verdict.guide.id, text, verdict.guide);
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
  const status = turn.text(`status_${item.status}`);
  const at = item.updated_at.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
  turn.say("status", { code, status, at });
}

/**
 * Her message, the replies as pending outbound rows (keyed by the message they answer: a redelivered msg_id writes
 * nothing twice) and the conversation's new state, in one statement.
 */
async function finish(turn: Turn, inbound: { text: string; private: boolean }, save: boolean): Promise<ChatEffects> {
  const { tx, conv, eventKey } = turn;
  const rows = [
    { conversation_id: conv.id, direction: "in" as const, author: "user" as const, event_key: eventKey, seq: 0, text: inbound.text, private: inbound.private, status: "sent" as const },
    ...turn.replies.map((r, seq) => ({ conversation_id: conv.id, direction: "out" as const, author: "bot" as const, event_key: eventKey, seq, text: r.text, private: r.private, status: "pending" as const })),
  ];
  const change = {
    ...(save
      ? {
          state: turn.next.state,
          data: JSON.stringify(turn.next.data),
          expires_at: turn.next.state === "idle" ? null : new Date(turn.now.getTime() + turn.settings.conversationTtlMinutes * 60_000),
          ...(turn.next.failed === undefined ? {} : { failed_answers: turn.next.failed }),
        }
      : {}),
    ...(turn.urgent ? { urgent_at: sql<Date>`coalesce(urgent_at, now())` } : {}),
  };
  const insert = (Object.keys(change).length > 0 ? tx.with("saved", (db) => db.updateTable("chatbot_conversations").set(change).where("id", "=", conv.id)) : tx)
    .insertInto("chatbot_messages")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "direction"]);
  const written = await insert.execute();
  return { messages: written.filter((r) => r.direction === "out").map((r) => r.id), escalate: turn.escalateAt ?? null, urgent: turn.urgentFiled ?? null };
}
