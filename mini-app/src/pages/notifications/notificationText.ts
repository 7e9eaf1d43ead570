import type { NotificationSource } from "@hoiso/shared";

/**
 * The one place a notification decides what it opens, whichever module sent it: its source's Mini App route. Anything
 * that is not a route of this app (a foreign address) leads back to the list instead of away from the app.
 */
export function sourceRoute(source: Pick<NotificationSource, "link">): string {
  const link = source.link;
  return link.startsWith("/") && !link.startsWith("//") ? link : "/thong-bao";
}
