import { infiniteQueryOptions } from "@tanstack/react-query";
import type { NotificationList } from "@hoiso/shared";
import { request } from "../../api/http.js";
import { notificationKeys } from "../../api/notifications.js";
import { STALE } from "../../api/queryClient.js";

export const PAGE = 30;

/**
 * Her whole list, a page at a time ("Xem thêm" asks for the next older page). Under notificationKeys.all, so marking
 * one read refreshes it and the home card's count together.
 */
export const notificationPages = () =>
  infiniteQueryOptions({
    queryKey: [...notificationKeys.all, "pages", PAGE] as const,
    queryFn: ({ signal, pageParam }) => request<NotificationList>("GET", "/notifications", { query: { limit: PAGE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.items.length === PAGE ? pages.reduce((n, p) => n + p.items.length, 0) : undefined),
    staleTime: STALE.changing,
  });
