import { AdminBroadcast, AdminBroadcastList, BroadcastAudience, BroadcastLinkOptions, BroadcastLinkQuery, BroadcastPreview, BroadcastWriteBody, CancelResult, ErrorBody, Feed, FeedItem, FeedQuery, IdParams, Ok } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { cancelBroadcast } from "./cancel.js";
import { createBroadcast } from "./compose.js";
import { feedItem, markFeedRead, memberFeed } from "./feed.js";
import { linkOptions } from "./links.js";
import { previewAudience } from "./preview.js";
import { broadcastDetail, listBroadcasts } from "./progress.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const scope = "Her subtree only: the sending unit under one of her cán bộ/admin roles (403), chosen units inside it.";

/** Thông báo: the cán bộ's compose, preview, progress and cancel; the member's feed. */
export async function broadcastRoutes(app: App): Promise<void> {
  const tags = ["broadcasts-admin"];
  app.post(
    "/admin/broadcasts/preview",
    { schema: { tags, summary: "How many an audience reaches on each channel, and why not the others", description: scope, ...secured, body: BroadcastAudience, response: { 200: BroadcastPreview, ...errors } } },
    async (req) => previewAudience(app.deps, requireAuth(req), req.body),
  );
  app.post(
    "/admin/broadcasts",
    { schema: { tags, summary: "Send an announcement now, or at sendAt", description: scope, ...secured, body: BroadcastWriteBody, response: { 201: AdminBroadcast, ...errors } } },
    async (req, reply) => {
      const auth = requireAuth(req);
      const id = await createBroadcast(app.deps, auth, req.body);
      return reply.status(201).send(await broadcastDetail(app.deps.db, auth, id));
    },
  );
  app.get(
    "/admin/broadcasts/links",
    {
      schema: {
        tags,
        summary: "What she may link an announcement to, searched by title (with or without diacritics)",
        description: "Published items she may see for the sending unit (the same rule the send checks); 403 outside her scope.",
        ...secured,
        querystring: BroadcastLinkQuery,
        response: { 200: BroadcastLinkOptions, ...errors },
      },
    },
    async (req) => ({ items: await linkOptions(app.deps.db, requireAuth(req), req.query) }),
  );
  app.get(
    "/admin/broadcasts",
    { schema: { tags, summary: "Announcements of my subtree, newest first", ...secured, response: { 200: AdminBroadcastList, ...errors } } },
    async (req) => listBroadcasts(app.deps.db, requireAuth(req)),
  );
  app.get(
    "/admin/broadcasts/:id",
    { schema: { tags, summary: "An announcement with its delivery per unit: queued, sent, not reached with the reason, read", ...secured, params: IdParams, response: { 200: AdminBroadcast, ...errors } } },
    async (req) => broadcastDetail(app.deps.db, requireAuth(req), req.params.id),
  );
  app.post(
    "/admin/broadcasts/:id/cancel",
    { schema: { tags, summary: "Stop what has not gone out; answers once nothing more will be sent", ...secured, params: IdParams, response: { 200: CancelResult, ...errors } } },
    async (req) => ({ cancelled: await cancelBroadcast(app.deps, requireAuth(req), req.params.id) }),
  );

  const member = ["broadcasts"];
  app.get(
    "/broadcasts",
    { schema: { tags: member, summary: "My announcements, newest first, a page at a time (cursor), with the unread count", ...secured, querystring: FeedQuery, response: { 200: Feed, ...errors } } },
    async (req) => memberFeed(app.deps.db, requireAuth(req).memberId, req.query),
  );
  app.get(
    "/broadcasts/:id",
    { schema: { tags: member, summary: "One of my announcements", ...secured, params: IdParams, response: { 200: FeedItem, ...errors } } },
    async (req) => feedItem(app.deps.db, requireAuth(req).memberId, req.params.id),
  );
  app.post(
    "/broadcasts/:id/read",
    { schema: { tags: member, summary: "I opened it", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await markFeedRead(app.deps.db, requireAuth(req).memberId, req.params.id);
      return { ok: true as const };
    },
  );
}
