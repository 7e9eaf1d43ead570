import { ErrorBody, InboxCounts } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { requireAuth } from "../../http/auth-plugin.js";
import type { AuthContext } from "../../http/types.js";
import type { App } from "../../http/types-app.js";
import { listInbox } from "./staff.js";

/**
 * The Cán bộ page's "3 việc cần xử lý · 1 quá hạn" in one call. Counted by the inbox's own query (scope, private
 * items, one row per item, what was handed on), so the numbers always match what the list shows.
 */
export async function inboxCounts(deps: AppDeps, auth: AuthContext): Promise<InboxCounts> {
  const open = await listInbox(deps, auth, { status: "open", limit: 0 });
  const overdue = await listInbox(deps, auth, { status: "open", overdue: true, limit: 0 });
  return { open: open.total, overdue: overdue.total };
}

export async function inboxCountsRoute(app: App): Promise<void> {
  app.get(
    "/inbox/counts",
    {
      schema: {
        tags: ["feedback: cán bộ"],
        summary: "How many items of my scope are open, and how many of them overdue",
        security: [{ bearer: [] }],
        response: { 200: InboxCounts, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => inboxCounts(app.deps, requireAuth(req)),
  );
}
