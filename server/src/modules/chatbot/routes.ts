import { ChatConversationDetail, ChatConversationList, ChatReplyBody, ErrorBody, IdParams, Ok } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { closeConversation, conversationDetail, listConversations, replyToConversation } from "./staff.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["chatbot"];

/** Cán bộ → Tin nhắn: conversations handed over to her units (the province admin's side is admin-routes.ts). */
export async function chatbotRoutes(app: App): Promise<void> {
  app.get(
    "/staff/chat/conversations",
    { schema: { tags, summary: "Conversations handed over to a cán bộ of my units", ...secured, response: { 200: ChatConversationList, ...errors } } },
    async (req) => ({ items: await listConversations(app.deps, requireAuth(req)) }),
  );
  app.get(
    "/staff/chat/conversations/:id",
    { schema: { tags, summary: "One conversation with its history (guided-feedback messages left out)", ...secured, params: IdParams, response: { 200: ChatConversationDetail, ...errors } } },
    async (req) => conversationDetail(app.deps, requireAuth(req), req.params.id),
  );
  app.post(
    "/staff/chat/conversations/:id/reply",
    { schema: { tags, summary: "Answer her in the OA chat", ...secured, params: IdParams, body: ChatReplyBody, response: { 200: Ok, ...errors } } },
    async (req) => {
      await replyToConversation(app.deps, requireAuth(req), req.params.id, req.body.text);
      return { ok: true as const };
    },
  );
  app.post(
    "/staff/chat/conversations/:id/close",
    { schema: { tags, summary: "Close the conversation: the bot answers her again", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await closeConversation(app.deps, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
}
