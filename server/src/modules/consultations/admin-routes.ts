import { AdminCommentList, AdminConsultation, AdminConsultationList, CommentMarkBody, CommentParams, ConsultationWriteBody, ErrorBody, IdParams, Ok, OutcomeBody, OutcomeResult, SectionParams, SynthesisBody } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { adminConsultation, closeConsultation, createConsultation, listAdminConsultations, publishConsultation, updateConsultation } from "./admin.js";
import { postOutcome } from "./outcome.js";
import { consultationReport, DOCX_MIME } from "./report.js";
import { markComment, sectionComments, writeSynthesis } from "./review.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["consultations-admin"];
const scope = "Her subtree only: the consultation's unit must be under one of her cán bộ/admin roles (403). Every change is audited.";
const anonymous = "An anonymous woman's comment has author = null: no name, unit or member id appears, here or in the report.";

/** Góp ý dự thảo, the cán bộ's side: draft, publish, read and sort the comments, synthesise, close, report, outcome. */
export async function consultationAdminRoutes(app: App): Promise<void> {
  const { db } = app.deps;
  app.get(
    "/admin/consultations",
    { schema: { tags, summary: "Consultations of my subtree, newest change first", ...secured, response: { 200: AdminConsultationList, ...errors } } },
    async (req) => listAdminConsultations(db, requireAuth(req)),
  );
  app.post(
    "/admin/consultations",
    { schema: { tags, summary: "Create a draft consultation: sections entered, or a pasted draft cut at \"## \" / \"Điều N.\" lines", description: scope, ...secured, body: ConsultationWriteBody, response: { 201: AdminConsultation, ...errors } } },
    async (req, reply) => reply.status(201).send(await createConsultation(db, requireAuth(req), req.body)),
  );
  app.get(
    "/admin/consultations/:id",
    { schema: { tags, summary: "A consultation with counts per section (agree / disagree / proposals), women and units that took part", ...secured, params: IdParams, response: { 200: AdminConsultation, ...errors } } },
    async (req) => adminConsultation(db, requireAuth(req), req.params.id),
  );
  app.put(
    "/admin/consultations/:id",
    { schema: { tags, summary: "Edit a draft (before it is published)", description: scope, ...secured, params: IdParams, body: ConsultationWriteBody, response: { 200: AdminConsultation, ...errors } } },
    async (req) => updateConsultation(db, requireAuth(req), req.params.id, req.body),
  );
  app.post(
    "/admin/consultations/:id/publish",
    { schema: { tags, summary: "Publish: the women it is put to see it and may comment between its dates", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await publishConsultation(db, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    "/admin/consultations/:id/close",
    { schema: { tags, summary: "Close now (it also closes by itself at its close date)", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await closeConsultation(db, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    "/admin/consultations/:id/sections/:sectionId/comments",
    { schema: { tags, summary: "The women's positions on one section", description: anonymous, ...secured, params: SectionParams, response: { 200: AdminCommentList, ...errors } } },
    async (req) => sectionComments(db, requireAuth(req), req.params.id, req.params.sectionId),
  );
  app.put(
    "/admin/consultations/:id/comments/:commentId",
    { schema: { tags, summary: "Mark a comment as a duplicate of another on its section (null clears), or tag its themes", ...secured, params: CommentParams, body: CommentMarkBody, response: { 200: Ok, ...errors } } },
    async (req) => markComment(db, requireAuth(req), req.params.id, req.params.commentId, req.body),
  );
  app.put(
    "/admin/consultations/:id/sections/:sectionId/synthesis",
    { schema: { tags, summary: "The cán bộ's synthesis of a section's proposals (goes into the report)", ...secured, params: SectionParams, body: SynthesisBody, response: { 200: Ok, ...errors } } },
    async (req) => writeSynthesis(db, requireAuth(req), req.params.id, req.params.sectionId, req.body.synthesis),
  );
  app.get(
    "/admin/consultations/:id/report",
    { schema: { tags, summary: "The report (.docx): women and units that took part; per section counts, synthesis, a few quotes", description: anonymous, ...secured, params: IdParams, produces: [DOCX_MIME] } },
    async (req, reply) => {
      const file = await consultationReport(db, requireAuth(req), req.params.id);
      return reply.header("content-type", DOCX_MIME).header("content-disposition", `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
  app.post(
    "/admin/consultations/:id/outcome",
    { schema: { tags, summary: "Post the outcome once the authorities answered: every woman who took part is notified (once)", ...secured, params: IdParams, body: OutcomeBody, response: { 200: OutcomeResult, ...errors } } },
    async (req) => postOutcome(app.deps, requireAuth(req), req.params.id, req.body),
  );
}
