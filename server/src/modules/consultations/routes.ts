import { ConsultationDetail, ConsultationList, ErrorBody, IdParams, PositionsBody } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { consultationDetail, listConsultations, submitPositions } from "./positions.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["consultations"];

/** Góp ý dự thảo, the woman's side: what is put to her, the draft section by section, her positions. */
export async function consultationRoutes(app: App): Promise<void> {
  const { db } = app.deps;
  app.get(
    "/consultations",
    { schema: { tags, summary: "Drafts put to me (my subtree's, and link ones I took part in), open ones first", ...secured, response: { 200: ConsultationList, ...errors } } },
    async (req) => listConsultations(db, requireAuth(req)),
  );
  app.get(
    "/consultations/:id",
    { schema: { tags, summary: "A draft section by section with my own positions", ...secured, params: IdParams, response: { 200: ConsultationDetail, ...errors } } },
    async (req) => consultationDetail(db, requireAuth(req), req.params.id),
  );
  app.post(
    "/consultations/:id/positions",
    {
      onRequest: app.limit("answer"),
      schema: {
        tags,
        summary: "Take or change my positions on the sections named (one set per member; 409 CONSULTATION_CLOSED once closed)",
        description: "Agree / disagree / propose a change (words or a voice note uploaded to /api/media). anonymous applies to my whole set: cán bộ never see who I am.",
        ...secured,
        params: IdParams,
        body: PositionsBody,
        response: { 200: ConsultationDetail, ...errors },
      },
    },
    async (req) => submitPositions(db, requireAuth(req), req.params.id, req.body),
  );
}
