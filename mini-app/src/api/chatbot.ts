import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { BotIntent, BotIntentList, BotPreview, BotPreviewBody, BotSettings, BotTextEntry, BotTextEntryList } from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Quản trị → Trợ lý OA: the OA bot's sentences, settings and keywords (province admin). */
export const chatbotKeys = {
  all: ["chatbot"] as const,
  texts: () => ["chatbot", "texts"] as const,
  settings: () => ["chatbot", "settings"] as const,
  intents: () => ["chatbot", "intents"] as const,
};

export const chatbotQueries = {
  texts: () => queryOptions({ queryKey: chatbotKeys.texts(), queryFn: ({ signal }) => request<BotTextEntryList>("GET", "/admin/chatbot/texts", { signal }), staleTime: STALE.default }),
  settings: () => queryOptions({ queryKey: chatbotKeys.settings(), queryFn: ({ signal }) => request<BotSettings>("GET", "/admin/chatbot/settings", { signal }), staleTime: STALE.default }),
  intents: () => queryOptions({ queryKey: chatbotKeys.intents(), queryFn: ({ signal }) => request<BotIntentList>("GET", "/admin/chatbot/intents", { signal }), staleTime: STALE.default }),
};

export const chatbotMutations = {
  saveText: () =>
    mutationOptions({
      mutationFn: (v: { key: string; language: string; text: string; needsReview?: boolean }) =>
        request<BotTextEntry>("PUT", `/admin/chatbot/texts/${seg(v.key)}/${seg(v.language)}`, { body: { text: v.text, ...(v.needsReview === undefined ? {} : { needsReview: v.needsReview }) } }),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: chatbotKeys.texts() }),
    }),
  saveSettings: () =>
    mutationOptions({
      mutationFn: (body: BotSettings) => request<BotSettings>("PUT", "/admin/chatbot/settings", { body }),
      onSuccess: (saved, _v, _x, { client }) => client.setQueryData(chatbotKeys.settings(), saved),
    }),
  saveIntent: () =>
    mutationOptions({
      mutationFn: (v: { intent: string; keywords: string[] }) => request<BotIntent>("PUT", `/admin/chatbot/intents/${seg(v.intent)}`, { body: { keywords: v.keywords } }),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: chatbotKeys.intents() }),
    }),
  /** A trial: nothing is written, so nothing to invalidate. */
  preview: () => mutationOptions({ mutationFn: (body: BotPreviewBody) => request<BotPreview>("POST", "/admin/chatbot/preview", { body }) }),
};
