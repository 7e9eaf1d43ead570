import {
  PublicationNoteBody,
  ErrorBody,
  IdParams,
  MyPublication,
  PendingPublicationList,
  PublicationReview,
  PublicCommuneList,
  PublicFiguresList,
  PublicFiguresQuery,
  PublicRecordItem,
  PublicRecordList,
  PublicRecordQuery,
  PublicationPublishBody,
  PublishConsentBody,
} from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import { requireAuth } from "../../http/auth-plugin.js";
import { cachedPublicly } from "../../http/etag.js";
import type { App } from "../../http/types-app.js";
import { declinePublication, pendingPublications, publish, reviewPublication, unpublish } from "./publish.js";
import { myPublication, setPublishConsent } from "./publish-consent.js";
import { listPublic, publicCommunes, publicFigures, publicItem } from "./public-record.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const notModified = { 304: Type.Null() };

/**
 * Kết quả xử lý (issue 13): her consent, the cán bộ's publish step, and the public record itself — read without a
 * session, the same answer for everyone, so it names no one and depends on no one.
 */
export async function publicRecordRoutes(app: App): Promise<void> {
  const tags = ["public record"];
  app.get(
    "/public-record",
    { schema: { tags, summary: "Published, handled items, newest first; by commune, searchable without diacritics (no session)", querystring: PublicRecordQuery, response: { 200: PublicRecordList, ...notModified, ...errors } } },
    async (req, reply) => cachedPublicly(req, reply, await listPublic(app.deps, req.query)),
  );
  app.get(
    "/public-record/items/:id",
    { schema: { tags, summary: "One published item: unit, category, the answer, proof photos, deadline vs date handled, rating (no session)", params: IdParams, response: { 200: PublicRecordItem, ...notModified, ...errors } } },
    async (req, reply) => cachedPublicly(req, reply, await publicItem(app.deps, req.params.id)),
  );
  app.get(
    "/public-record/communes",
    { schema: { tags, summary: "The communes to browse the record by (no session)", response: { 200: PublicCommuneList, ...notModified, ...errors } } },
    async (req, reply) => cachedPublicly(req, reply, await publicCommunes(app.deps)),
  );
  app.get(
    "/public-record/figures",
    {
      schema: {
        tags,
        summary: "Per unit: received, handled, on time, rated, satisfied; sensitive categories never counted, figures under 5 are null (no session)",
        querystring: PublicFiguresQuery,
        response: { 200: PublicFiguresList, ...notModified, ...errors },
      },
    },
    async (req, reply) => cachedPublicly(req, reply, await publicFigures(app.deps, req.query.communeId)),
  );

  app.get(
    "/submissions/:id/publication",
    { schema: { tags, summary: "Whether my item may go on the public record, my answer, where it stands", ...secured, params: IdParams, response: { 200: MyPublication, ...errors } } },
    async (req) => myPublication(app.deps, requireAuth(req), req.params.id),
  );
  app.put(
    "/submissions/:id/publication",
    { schema: { tags, summary: "Agree (or no longer agree) that my item goes on the public record, until it is published", ...secured, params: IdParams, body: PublishConsentBody, response: { 200: MyPublication, ...errors } } },
    async (req) => setPublishConsent(app.deps, requireAuth(req), req.params.id, req.body.consent),
  );

  const staffTags = ["public record: cán bộ"];
  app.get(
    "/staff/publications",
    { schema: { tags: staffTags, summary: "Resolved items of my units whose author agreed to publish: waiting, or on the record", ...secured, response: { 200: PendingPublicationList, ...errors } } },
    async (req) => pendingPublications(app.deps, requireAuth(req)),
  );
  app.get(
    "/staff/publications/:id",
    { schema: { tags: staffTags, summary: "Review before publishing: draft text and answer, proof photos to choose from", ...secured, params: IdParams, response: { 200: PublicationReview, ...errors } } },
    async (req) => reviewPublication(app.deps, requireAuth(req), req.params.id),
  );
  app.post(
    "/staff/publications/:id/publish",
    { schema: { tags: staffTags, summary: "Publish with the reviewed text and answer and the chosen proof photos (audited)", ...secured, params: IdParams, body: PublicationPublishBody, response: { 200: PublicationReview, ...errors } } },
    async (req) => publish(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.post(
    "/staff/publications/:id/decline",
    { schema: { tags: staffTags, summary: "Decide not to publish (audited)", ...secured, params: IdParams, body: PublicationNoteBody, response: { 200: PublicationReview, ...errors } } },
    async (req) => declinePublication(app.deps, requireAuth(req), req.params.id, req.body.note ?? ""),
  );
  app.post(
    "/staff/publications/:id/unpublish",
    { schema: { tags: staffTags, summary: "Take it off the public record (audited)", ...secured, params: IdParams, body: PublicationNoteBody, response: { 200: PublicationReview, ...errors } } },
    async (req) => unpublish(app.deps, requireAuth(req), req.params.id, req.body.note ?? ""),
  );
}
