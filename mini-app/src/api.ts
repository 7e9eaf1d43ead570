import type { ListPageQuery, NotificationList, Ok } from "@hoiso/shared";
import { request, seg } from "./api/http.js";

/**
 * Left only for the Thông báo page and its home card until they move to api/notifications.ts (helper A is converting
 * them); every other screen reads through TanStack Query and the api/<domain>.ts modules. Delete with that change.
 */
export { errorMessage } from "./api/http.js";
export const api = {
  notifications: (query: ListPageQuery = {}) => request<NotificationList>("GET", "/notifications", { query: { ...query } }),
  markNotificationRead: (id: string) => request<Ok>("POST", `/notifications/${seg(id)}/read`),
};
