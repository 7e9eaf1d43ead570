import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * What a notification is about: the module that sent it, that module's id for the thing, and the Mini App route that
 * opens it. Every module's notifications share one list, and the Mini App opens any of them by `link` alone.
 */
export const NotificationSource = Type.Object({
  module: Type.String({ description: "The sending module, e.g. feedback" }),
  id: Type.String({ description: "The module's id for the thing the notification is about" }),
  link: Type.String({ pattern: "^/", description: "A Mini App route, e.g. /phan-anh/theo-doi/<id>" }),
});
export type NotificationSource = Static<typeof NotificationSource>;

export const NotificationItem = Type.Object({
  id: Uuid,
  source: NotificationSource,
  /** Written out in her language when listed (Vietnamese where no translation exists). */
  text: Type.String(),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationList = Type.Object({ items: Type.Array(NotificationItem), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationList>;
