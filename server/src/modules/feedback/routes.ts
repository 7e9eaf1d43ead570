import {
  CategoryList,
  CategoryListQuery,
  CreateSubmissionBody,
  Destination,
  DestinationQuery,
  ErrorBody,
  FollowUpBody,
  IdParams,
  ListPageQuery,
  MySubmissionList,
  SignedPetitionList,
  SignResult,
  SimilarList,
  SimilarQuery,
  SubmissionCreated,
  SubmissionHeaders,
  SubmissionStatus,
  SubmissionView,
  TrackParams,
  RatingBody,
  RatingView,
} from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { listCategories } from "./admin.js";
import { answerFollowUp } from "./followup.js";
import { createSubmission, settleRouteAdds } from "./intake.js";
import { signPetition } from "./petitions.js";
import { rateAnswer } from "./rating.js";
import { findSimilar, listMine, listSigned, previewDestination, trackByCode, viewSubmission } from "./woman.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["feedback"];

/** The woman's side: send, follow, find similar items, co-sign, answer the follow-up. */
export async function feedbackRoutes(app: App): Promise<void> {
  app.addHook("onClose", () => settleRouteAdds(app.deps));
  app.get(
    "/categories",
    { schema: { tags, summary: "Categories a woman can choose (active ones, in order)", querystring: CategoryListQuery, response: { 200: CategoryList } } },
    async (req) => ({ items: await listCategories(app.deps, req.query.includeInactive === true) }),
  );
  app.post(
    "/submissions",
    {
      onRequest: app.limit("submit"),
      schema: {
        tags,
        summary: "Send a phản ánh, tin báo or kiến nghị; answers at once with the tracking code",
        ...secured,
        description: "With an Idempotency-Key header, a retry of the same form answers 200 with the first item instead of storing a second.",
        headers: SubmissionHeaders,
        body: CreateSubmissionBody,
        response: { 200: SubmissionCreated, 201: SubmissionCreated, ...errors },
      },
    },
    async (req, reply) => {
      const { created, replayed } = await createSubmission(app.deps, requireAuth(req), req.body, req.headers["idempotency-key"]);
      return reply.status(replayed ? 200 : 201).send(created);
    },
  );
  app.get(
    "/submissions/mine",
    { schema: { tags, summary: "What I have sent, newest first", ...secured, querystring: ListPageQuery, response: { 200: MySubmissionList, ...errors } } },
    async (req) => ({ items: await listMine(app.deps, requireAuth(req), req.query.limit, req.query.offset) }),
  );
  app.get(
    "/submissions/signed",
    {
      schema: { tags, summary: "Other women's petitions I co-signed, latest signature first", ...secured, querystring: ListPageQuery, response: { 200: SignedPetitionList, ...errors } },
    },
    async (req) => ({ items: await listSigned(app.deps, requireAuth(req), req.query.limit, req.query.offset) }),
  );
  app.get(
    "/submissions/destination",
    {
      schema: {
        tags,
        summary: "The unit an item of this category from this unit would be routed to (what the form shows before sending)",
        ...secured,
        querystring: DestinationQuery,
        response: { 200: Destination, ...errors },
      },
    },
    async (req) => {
      requireAuth(req);
      return previewDestination(app.deps, req.query.category, req.query.unitId, req.query.sensitive === true);
    },
  );
  app.get(
    "/submissions/similar",
    {
      schema: {
        tags,
        summary: "Open, non-sensitive items in the same commune resembling the text (diacritics optional)",
        ...secured,
        querystring: SimilarQuery,
        response: { 200: SimilarList, ...errors },
      },
    },
    async (req) => ({ items: await findSimilar(app.deps, requireAuth(req), req.query.q, req.query.unitId) }),
  );
  app.get(
    "/submissions/track/:code",
    { schema: { tags, summary: "My item by its tracking code", ...secured, params: TrackParams, response: { 200: SubmissionView, ...errors } } },
    async (req) => trackByCode(app.deps, requireAuth(req), req.params.code),
  );
  app.get(
    "/submissions/:id",
    {
      schema: {
        tags,
        summary: "My item with its timeline (others: the public page of a petition)",
        ...secured,
        params: IdParams,
        response: { 200: SubmissionView, ...errors },
      },
    },
    async (req) => viewSubmission(app.deps, requireAuth(req), req.params.id),
  );
  app.post(
    "/submissions/:id/follow-up",
    {
      schema: {
        tags,
        summary: "Answer \"Vấn đề của chị đã được giải quyết chưa?\" — no reopens it at the same unit",
        ...secured,
        params: IdParams,
        body: FollowUpBody,
        response: { 200: Type.Object({ status: SubmissionStatus }), ...errors },
      },
    },
    async (req) => ({ status: await answerFollowUp(app.deps, requireAuth(req), req.params.id, req.body.resolved) }),
  );
  app.post(
    "/submissions/:id/rating",
    {
      schema: {
        tags,
        summary: "Her rating of the answer (hài lòng / bình thường / chưa hài lòng, optional word), once, after it was resolved",
        ...secured,
        params: IdParams,
        body: RatingBody,
        response: { 200: RatingView, ...errors },
      },
    },
    async (req) => rateAnswer(app.deps, requireAuth(req), req.params.id, req.body.rating, req.body.comment ?? ""),
  );
  app.post(
    "/petitions/:id/sign",
    { onRequest: app.limit("sign"), schema: { tags, summary: "Co-sign a petition (members of its area, once each)", ...secured, params: IdParams, response: { 200: SignResult, ...errors } } },
    async (req) => signPetition(app.deps, requireAuth(req), req.params.id),
  );
}
