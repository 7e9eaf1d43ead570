import { BotIntent, BotIntentBody, BotIntentList, BotIntentParams, BotPreview, BotPreviewBody, BotSettings, BotTextBody, BotTextEntry, BotTextEntryList, BotTextParams, ErrorBody } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { getBotSettings, listBotIntents, listBotTexts, previewQuestion, putBotIntent, putBotSettings, putBotText } from "./admin.js";
import { chatbotCacheOf } from "./cache.js";
import type { Intent } from "./intents.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["chatbot-admin"];
const who = "Province admin only (403 otherwise); every change audited in its transaction.";

/** Quản trị → Trợ lý OA: the bot's sentences, settings and keywords, and a trial of how a question is matched. */
export async function chatbotAdminRoutes(app: App): Promise<void> {
  // The bot's data cache lives as long as this app (workers of the same process share it).
  const cache = chatbotCacheOf(app.deps);
  app.addHook("onClose", () => cache.close());

  app.get(
    "/admin/chatbot/texts",
    { schema: { tags, summary: "Every sentence the OA bot says, per language, with drafts awaiting review", description: who, ...secured, response: { 200: BotTextEntryList, ...errors } } },
    async (req) => ({ items: await listBotTexts(app.deps, requireAuth(req)) }),
  );
  app.put(
    "/admin/chatbot/texts/:key/:language",
    { schema: { tags, summary: "Rewrite one sentence of the bot in one language; its {{placeholders}} must stay", description: who, ...secured, params: BotTextParams, body: BotTextBody, response: { 200: BotTextEntry, ...errors } } },
    async (req) => putBotText(app.deps, requireAuth(req), req.params.key, req.params.language, req.body.text, req.body.needsReview),
  );
  app.get(
    "/admin/chatbot/settings",
    { schema: { tags, summary: "The bot's settings (conversation expiry, handover escalation, flood limit, longest text)", description: who, ...secured, response: { 200: BotSettings, ...errors } } },
    async (req) => getBotSettings(app.deps, requireAuth(req)),
  );
  app.put(
    "/admin/chatbot/settings",
    { schema: { tags, summary: "Change the bot's settings (each within its range)", description: who, ...secured, body: BotSettings, response: { 200: BotSettings, ...errors } } },
    async (req) => putBotSettings(app.deps, requireAuth(req), req.body),
  );
  app.get(
    "/admin/chatbot/intents",
    { schema: { tags, summary: "The keywords of each intent (menu entries, handover, greetings, danger phrases)", description: who, ...secured, response: { 200: BotIntentList, ...errors } } },
    async (req) => ({ items: await listBotIntents(app.deps, requireAuth(req)) }),
  );
  app.put(
    "/admin/chatbot/intents/:intent",
    { schema: { tags, summary: "Replace an intent's keywords (folded; one intent per keyword)", description: who, ...secured, params: BotIntentParams, body: BotIntentBody, response: { 200: BotIntent, ...errors } } },
    async (req) => putBotIntent(app.deps, requireAuth(req), req.params.intent as Intent, req.body.keywords),
  );
  app.post(
    "/admin/chatbot/preview",
    { schema: { tags, summary: "How the bot would match a question (no diacritics needed): intent, closest guides, the reply", description: who, ...secured, body: BotPreviewBody, response: { 200: BotPreview, ...errors } } },
    async (req) => previewQuestion(app.deps, requireAuth(req), req.body.text, req.body.language),
  );
}
