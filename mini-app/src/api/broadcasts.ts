import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type { AdminBroadcast, AdminBroadcastList, BroadcastAudience, BroadcastLinkOptions, BroadcastLinkQuery, BroadcastPreview, BroadcastWriteBody, CancelResult, Feed, FeedItem, Ok } from "@hoiso/shared";
import { notificationKeys } from "./notifications.js";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Thông báo: her announcements feed; the cán bộ's compose, preview, progress and cancel under /admin. */
export const broadcastKeys = {
  all: ["broadcasts"] as const,
  feed: () => ["broadcasts", "feed"] as const,
  /** The whole list, a page at a time (under feed(): reading one refreshes both). */
  feedPages: () => ["broadcasts", "feed", "pages"] as const,
  item: (id: string) => ["broadcasts", "item", id] as const,
  admin: () => ["broadcasts", "admin"] as const,
  adminList: () => ["broadcasts", "admin", "list"] as const,
  adminDetail: (id: string) => ["broadcasts", "admin", "detail", id] as const,
  preview: (a: BroadcastAudience) => ["broadcasts", "admin", "preview", a] as const,
  links: (q: BroadcastLinkQuery) => ["broadcasts", "admin", "links", q] as const,
};

export const broadcastQueries = {
  feed: () => queryOptions({ queryKey: broadcastKeys.feed(), queryFn: ({ signal }) => request<Feed>("GET", "/broadcasts", { signal }), staleTime: STALE.changing }),
  /** Thông báo: every announcement, newest first, the next page after the server's cursor ("Xem thêm"). */
  feedPages: () =>
    infiniteQueryOptions({
      queryKey: broadcastKeys.feedPages(),
      queryFn: ({ signal, pageParam }) => request<Feed>("GET", "/broadcasts", { query: { cursor: pageParam ?? undefined }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: STALE.changing,
    }),
  item: (id: string) =>
    queryOptions({ queryKey: broadcastKeys.item(id), queryFn: ({ signal }) => request<FeedItem>("GET", `/broadcasts/${seg(id)}`, { signal }), staleTime: STALE.changing }),
  adminList: () =>
    queryOptions({ queryKey: broadcastKeys.adminList(), queryFn: ({ signal }) => request<AdminBroadcastList>("GET", "/admin/broadcasts", { signal }), staleTime: STALE.changing }),
  /** Progress while it goes out: asked again every few seconds until it is done or cancelled. */
  adminDetail: (id: string) =>
    queryOptions({
      queryKey: broadcastKeys.adminDetail(id),
      queryFn: ({ signal }) => request<AdminBroadcast>("GET", `/admin/broadcasts/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
      refetchInterval: (q) => (q.state.data && (q.state.data.status === "done" || q.state.data.status === "cancelled") ? false : 3000),
    }),
  preview: (a: BroadcastAudience) =>
    queryOptions({
      queryKey: broadcastKeys.preview(a),
      queryFn: ({ signal }) => request<BroadcastPreview>("POST", "/admin/broadcasts/preview", { body: a, signal }),
      staleTime: STALE.changing,
      enabled: a.unitId !== "",
    }),
  /** The composer's link picker: what she may attach for this sending unit, by title words. */
  links: (q: BroadcastLinkQuery) =>
    queryOptions({
      queryKey: broadcastKeys.links(q),
      queryFn: ({ signal }) => request<BroadcastLinkOptions>("GET", "/admin/broadcasts/links", { query: { ...q }, signal }),
      staleTime: STALE.changing,
      enabled: q.unitId !== "",
    }),
};

export const broadcastMutations = {
  /** Opening one marks it read: the feed's count and the notification list change. */
  read: () =>
    mutationOptions({
      mutationFn: (id: string) => request<Ok>("POST", `/broadcasts/${seg(id)}/read`),
      onSuccess: (_ok, _id, _x, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: broadcastKeys.feed() }), client.invalidateQueries({ queryKey: notificationKeys.all })]),
    }),
  send: () =>
    mutationOptions({
      mutationFn: (body: BroadcastWriteBody) => request<AdminBroadcast>("POST", "/admin/broadcasts", { body }),
      onSuccess: (_r, _b, _x, { client }) => client.invalidateQueries({ queryKey: broadcastKeys.admin() }),
    }),
  cancel: () =>
    mutationOptions({
      mutationFn: (id: string) => request<CancelResult>("POST", `/admin/broadcasts/${seg(id)}/cancel`),
      onSuccess: (_r, _id, _x, { client }) => client.invalidateQueries({ queryKey: broadcastKeys.admin() }),
    }),
};
