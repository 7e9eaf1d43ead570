import { ErrorBody, IdParams, ListPageQuery, NotificationList, Ok } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { listNotifications, markRead } from "./service.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };
const secured = { security: [{ bearer: [] }] };

/** The in-app channel: every member's notification list, which every other channel only echoes. */
export async function notifyRoutes(app: App): Promise<void> {
  app.get(
    "/notifications",
    { schema: { tags: ["notifications"], summary: "My notifications, newest first", ...secured, querystring: ListPageQuery, response: { 200: NotificationList, ...errors } } },
    async (req) => listNotifications(app.deps, requireAuth(req).memberId, req.query.limit ?? 30, req.query.offset ?? 0),
  );
  app.post(
    "/notifications/:id/read",
    { schema: { tags: ["notifications"], summary: "Mark one notification read", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await markRead(app.deps, requireAuth(req).memberId, req.params.id);
      return { ok: true as const };
    },
  );
}
