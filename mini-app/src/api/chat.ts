import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { ChatConversationDetail, ChatConversationList, Ok } from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Cán bộ → Tin nhắn: OA conversations handed over to her units by the chatbot. */
export const chatKeys = {
  all: ["chat"] as const,
  list: () => ["chat", "list"] as const,
  detail: (id: string) => ["chat", "detail", id] as const,
};

export const chatQueries = {
  list: () =>
    queryOptions({
      queryKey: chatKeys.list(),
      queryFn: ({ signal }) => request<ChatConversationList>("GET", "/staff/chat/conversations", { signal }),
      staleTime: STALE.changing,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: chatKeys.detail(id),
      queryFn: ({ signal }) => request<ChatConversationDetail>("GET", `/staff/chat/conversations/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
    }),
};

export const chatMutations = {
  reply: (id: string) =>
    mutationOptions({
      mutationFn: (text: string) => request<Ok>("POST", `/staff/chat/conversations/${seg(id)}/reply`, { body: { text } }),
      onSuccess: (_ok, _text, _x, { client }) => client.invalidateQueries({ queryKey: chatKeys.all }),
    }),
  close: (id: string) =>
    mutationOptions({
      mutationFn: () => request<Ok>("POST", `/staff/chat/conversations/${seg(id)}/close`),
      onSuccess: (_ok, _v, _x, { client }) => client.invalidateQueries({ queryKey: chatKeys.all }),
    }),
};
