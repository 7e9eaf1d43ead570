import { CHATBOT_KEYWORD_LIMITS, foldedWords, type BotIntent, type BotPreview, type BotSettings, type BotText, type BotTextEntry } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import { badRequest, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertProvinceAdmin } from "../../policy/policy.js";
import { chatbotCacheOf } from "./cache.js";
import { trackingCodeIn } from "./engine.js";
import { BUILT_IN_DANGER, foldKeyword, INTENTS, intentOf, type Intent } from "./intents.js";
import { closestGuides, isVague, judge } from "./match.js";
import { appLinkOf, SETTINGS, textFrom } from "./texts.js";

/** Quản trị → Trợ lý OA: every sentence, setting and keyword of the bot, for the province admin only; changes audited. */

export async function listBotTexts(deps: AppDeps, auth: AuthContext): Promise<BotTextEntry[]> {
  await assertProvinceAdmin(deps.db, auth);
  const rows = await deps.db.selectFrom("chatbot_texts").select(["key", "language", "text", "updated_at", "needs_review"]).orderBy("key").orderBy("language").execute();
  return rows.map((r) => ({ key: r.key, language: r.language as BotText["language"], text: r.text, updatedAt: new Date(r.updated_at).toISOString(), needsReview: r.needs_review }));
}

/**
 * A province admin rewrites one sentence of the bot in one language; the change and its audit row commit together.
 * Saving a hmn/dao sentence marks it reviewed unless she says it still needs review.
 */
export async function putBotText(deps: AppDeps, auth: AuthContext, key: string, language: BotText["language"], text: string, needsReview = false): Promise<BotTextEntry> {
  await assertProvinceAdmin(deps.db, auth);
  const body = text.trim();
  if (body === "") throw badRequest("Nội dung không được để trống.", "text");
  const known = await deps.db.selectFrom("chatbot_texts").select("text").where("key", "=", key).where("language", "=", "vi").executeTakeFirst();
  if (!known) throw notFound("Không có câu trả lời nào với khóa này.");
  // A placeholder the bot fills ({{code}}, {{list}}…) left out would drop what she needs to read.
  const missing = [...known.text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string).filter((p) => p !== "appLink" && !body.includes(`{{${p}}}`));
  if (missing.length > 0) throw badRequest(`Câu trả lời cần giữ chỗ điền {{${missing[0] as string}}}.`, "text");
  const review = language === "vi" ? false : needsReview;
  const saved = await deps.db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto("chatbot_texts")
      .values({ key, language, text: body, updated_at: now, updated_by: auth.memberId, needs_review: review })
      .onConflict((oc) => oc.columns(["key", "language"]).doUpdateSet({ text: body, updated_at: now, updated_by: auth.memberId, needs_review: review }))
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "chatbot.text.update", entityType: "chatbot_text", entityId: `${key}.${language}`, detail: { key, language, text: body, needsReview: review } });
    return { key, language, text: body, updatedAt: now.toISOString(), needsReview: review };
  });
  chatbotCacheOf(deps).forget();
  return saved;
}

export async function getBotSettings(deps: AppDeps, auth: AuthContext): Promise<BotSettings> {
  await assertProvinceAdmin(deps.db, auth);
  return (await chatbotCacheOf(deps).get(deps.db)).settings;
}

/** Ranges are checked by the schema (shared/schemas/chatbot.ts) and again when read (texts.ts). */
export async function putBotSettings(deps: AppDeps, auth: AuthContext, body: BotSettings): Promise<BotSettings> {
  await assertProvinceAdmin(deps.db, auth);
  await deps.db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto("chatbot_settings")
      .values(Object.entries(SETTINGS).map(([name, def]) => ({ key: def.key, value: JSON.stringify(body[name as keyof BotSettings]), updated_at: now })))
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb.ref("excluded.value"), updated_at: now })))
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "chatbot.settings.update", entityType: "chatbot_settings", entityId: "chatbot", detail: { ...body } });
  });
  chatbotCacheOf(deps).forget();
  return body;
}

export async function listBotIntents(deps: AppDeps, auth: AuthContext): Promise<BotIntent[]> {
  await assertProvinceAdmin(deps.db, auth);
  const rows = await deps.db.selectFrom("chatbot_intents").select(["intent", "keywords", "updated_at"]).execute();
  return INTENTS.map((intent) => {
    const r = rows.find((x) => x.intent === intent);
    return { intent, keywords: r?.keywords ?? [], builtIn: intent === "danger" ? [...BUILT_IN_DANGER] : [], updatedAt: new Date(r?.updated_at ?? 0).toISOString() };
  });
}

/**
 * Her words for one intent, folded as the engine compares them. Refused: an empty list (but for danger, whose built-in
 * phrases stay), a keyword another intent already has (the bot could not tell which she meant), a danger phrase
 * that is only one short word (it would catch ordinary questions).
 */
export async function putBotIntent(deps: AppDeps, auth: AuthContext, intent: Intent, keywords: string[]): Promise<BotIntent> {
  await assertProvinceAdmin(deps.db, auth);
  const folded = [...new Set(keywords.map(foldKeyword).filter((k) => k !== ""))];
  if (folded.length === 0 && intent !== "danger") throw badRequest("Cần ít nhất một từ khóa.", "keywords");
  if (folded.length > CHATBOT_KEYWORD_LIMITS.maxPerIntent) throw badRequest(`Tối đa ${CHATBOT_KEYWORD_LIMITS.maxPerIntent} từ khóa.`, "keywords");
  if (intent === "danger") {
    const short = folded.find((k) => !k.includes(" ") && k.length < 4);
    if (short) throw badRequest(`Cụm từ nguy hiểm "${short}" quá ngắn, dễ nhầm với câu hỏi thường. Chị nhập ít nhất hai từ.`, "keywords");
  }
  const saved = await deps.db.transaction().execute(async (tx) => {
    const others = await tx.selectFrom("chatbot_intents").select(["intent", "keywords"]).where("intent", "<>", intent).forUpdate().execute();
    for (const o of others) {
      const clash = folded.find((k) => o.keywords.includes(k));
      if (clash) throw badRequest(`Từ khóa "${clash}" đã thuộc mục ${o.intent}. Mỗi từ khóa chỉ thuộc một mục.`, "keywords");
    }
    const now = new Date();
    await tx
      .insertInto("chatbot_intents")
      .values({ intent, keywords: folded, updated_at: now, updated_by: auth.memberId })
      .onConflict((oc) => oc.column("intent").doUpdateSet({ keywords: folded, updated_at: now, updated_by: auth.memberId }))
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "chatbot.intent.update", entityType: "chatbot_intent", entityId: intent, detail: { intent, keywords: folded } });
    return { intent, keywords: folded, builtIn: intent === "danger" ? [...BUILT_IN_DANGER] : [], updatedAt: now.toISOString() };
  });
  chatbotCacheOf(deps).forget();
  return saved;
}

const REPLY_OF: Record<Exclude<Intent, "danger">, string> = {
  human: "handover",
  news: "news",
  feedback: "fb_category",
  services: "services_list",
  contests: "contests",
  menu: "menu",
};

/**
 * "Thử câu hỏi": what the bot would make of a question, by the engine's own steps (intentOf, the tracking code, the
 * guide search and its verdict) and the sentences it would send. Nothing is written and nobody is answered.
 */
export async function previewQuestion(deps: AppDeps, auth: AuthContext, text: string, lang: BotText["language"] = "vi"): Promise<BotPreview> {
  await assertProvinceAdmin(deps.db, auth);
  const data = await chatbotCacheOf(deps).get(deps.db);
  const say = (key: string, params: Record<string, string> = {}) => textFrom(data.texts, key, lang, { appLink: appLinkOf(deps), ...params });
  const folded = foldedWords(text.slice(0, 4000)).join(" ");
  const base = { folded, verdict: null, guides: [] };
  const intent = intentOf(text, data.intents);
  if (intent === "danger") return { ...base, kind: "danger", reply: say("safety") };
  if (text.trim() === "") return { ...base, kind: "empty", reply: say("empty") };
  if (text.length > data.settings.maxTextChars) return { ...base, kind: "too_long", reply: say("too_long") };
  const code = trackingCodeIn(text);
  if (code) return { ...base, kind: "code", reply: say("status_unknown", { code }) };
  if (intent) return { ...base, kind: intent, reply: say(REPLY_OF[intent], { list: "…", unit: "" }) };
  if (isVague(text)) return { ...base, kind: "vague", reply: say("clarify", { list: "…" }) };
  const hits = await closestGuides(deps.db, text);
  const verdict = judge(hits);
  const guides = hits.map((h) => ({ id: h.id, title: h.title, score: Math.round(h.score * 1000) / 1000 }));
  const reply =
    verdict.kind === "answer"
      ? say("answer", { title: verdict.guide.title, body: verdict.guide.summary })
      : verdict.kind === "unsure"
        ? say("unsure", { list: verdict.guides.map((g, i) => `${i + 1} - ${g.title}`).join("\n") })
        : say("not_found");
  return { folded, kind: "question", verdict: verdict.kind, guides, reply };
}
