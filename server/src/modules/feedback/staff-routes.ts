import {
  ActionResult,
  AssignmentDetail,
  ErrorBody,
  ForwardBody,
  IdParams,
  InboxList,
  InboxQuery,
  ReplyBody,
  ResolveBody,
  RerouteBody,
  OnBehalfBody,
  OnBehalfCreated,
  SubmissionHeaders,
  RatingQuery,
  LegalCloseBody,
  UnitRatingList,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import * as actions from "./actions.js";
import { inboxCountsRoute } from "./counts.js";
import { enterOnBehalf } from "./on-behalf.js";
import { unitRatings } from "./rating.js";
import { loadSettings } from "./settings.js";
import { assignmentDetail, listInbox } from "./staff.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["feedback: cán bộ"];

/** The cán bộ's side: her units' inbox, one assignment, and what she can do with it. */
export async function feedbackStaffRoutes(app: App): Promise<void> {
  await inboxCountsRoute(app);
  app.post(
    "/on-behalf",
    {
      onRequest: app.limit("submit"),
      schema: {
        tags,
        summary: "Enter an item a woman gave by phone, in person, on paper or at a meeting (her consent recorded); answers with the slip",
        ...secured,
        headers: SubmissionHeaders,
        body: OnBehalfBody,
        response: { 200: OnBehalfCreated, 201: OnBehalfCreated, ...errors },
      },
    },
    async (req, reply) => {
      const { created, replayed } = await enterOnBehalf(app.deps, requireAuth(req), req.body, req.headers["idempotency-key"]);
      return reply.status(replayed ? 200 : 201).send(created);
    },
  );
  app.get(
    "/ratings/units",
    { schema: { tags, summary: "How the answers of the units in my scope were rated (counts per unit)", ...secured, querystring: RatingQuery, response: { 200: UnitRatingList, ...errors } } },
    async (req) => ({ items: await unitRatings(app.deps, requireAuth(req), req.query.from, req.query.to) }),
  );
  app.get(
    "/inbox",
    { schema: { tags, summary: "Assignments of the units in my scope (filters: status, category, overdue)", ...secured, querystring: InboxQuery, response: { 200: InboxList, ...errors } } },
    async (req) => listInbox(app.deps, requireAuth(req), req.query),
  );
  app.get(
    "/assignments/:id",
    { schema: { tags, summary: "An assignment with its submission and full timeline (private items: audited)", ...secured, params: IdParams, response: { 200: AssignmentDetail, ...errors } } },
    async (req) => assignmentDetail(app.deps, requireAuth(req), req.params.id),
  );
  app.post(
    "/assignments/:id/ack",
    { schema: { tags, summary: "Acknowledge: we have it and are working on it", ...secured, params: IdParams, response: { 200: ActionResult, ...errors } } },
    async (req) => actions.ack(app.deps, requireAuth(req), req.params.id),
  );
  app.post(
    "/assignments/:id/reply",
    { schema: { tags, summary: "Reply to the woman (optionally public)", ...secured, params: IdParams, body: ReplyBody, response: { 200: ActionResult, ...errors } } },
    async (req) => actions.reply(app.deps, requireAuth(req), req.params.id, req.body.message, req.body.public === true, req.body.mediaIds),
  );
  app.post(
    "/assignments/:id/forward",
    { schema: { tags, summary: "Forward to another unit or an outside agency, with a note", ...secured, params: IdParams, body: ForwardBody, response: { 200: ActionResult, ...errors } } },
    async (req) => actions.forward(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.post(
    "/assignments/:id/reroute",
    { schema: { tags, summary: "Not ours — belongs to another unit: hand it over", ...secured, params: IdParams, body: RerouteBody, response: { 200: ActionResult, ...errors } } },
    async (req) => actions.reroute(app.deps, requireAuth(req), req.params.id, req.body.unitId, req.body.note),
  );
  app.post(
    "/assignments/:id/legal",
    {
      schema: {
        tags,
        summary: "Close as khiếu nại / tố cáo: it follows its own legal procedure; she is shown where and how to file it",
        ...secured,
        params: IdParams,
        body: LegalCloseBody,
        response: { 200: ActionResult, ...errors },
      },
    },
    async (req) => actions.closeAsLegal(app.deps, requireAuth(req), req.params.id, req.body.route, req.body.note ?? ""),
  );
  app.post(
    "/assignments/:id/resolve",
    { schema: { tags, summary: "Resolved, with the result for the woman", ...secured, params: IdParams, body: ResolveBody, response: { 200: ActionResult, ...errors } } },
    async (req) => {
      const { followUpDays } = await loadSettings(app.deps.db);
      return actions.resolve(app.deps, requireAuth(req), req.params.id, req.body.message, followUpDays, req.body.mediaIds);
    },
  );
}
