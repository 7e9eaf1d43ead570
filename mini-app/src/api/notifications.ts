import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { ListPageQuery, NotificationList, Ok } from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** In-app notifications, any module's, newest first; the unread count comes with every page. */
export const notificationKeys = {
  all: ["notifications"] as const,
  page: (query: ListPageQuery) => ["notifications", "page", query] as const,
};

export const notificationQueries = {
  page: (query: ListPageQuery) =>
    queryOptions({
      queryKey: notificationKeys.page(query),
      queryFn: ({ signal }) => request<NotificationList>("GET", "/notifications", { query: { ...query }, signal }),
      staleTime: STALE.changing,
    }),
};

export const notificationApi = {
  list: (query: ListPageQuery = {}) => request<NotificationList>("GET", "/notifications", { query: { ...query } }),
};

export const notificationMutations = {
  markRead: () =>
    mutationOptions({
      mutationFn: (id: string) => request<Ok>("POST", `/notifications/${seg(id)}/read`),
      onSuccess: (_ok, _id, _x, { client }) => client.invalidateQueries({ queryKey: notificationKeys.all }),
    }),
};
