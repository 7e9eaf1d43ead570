import {
  AdminContest,
  AdminContestList,
  AdminQuestion,
  AdminQuestionList,
  AdminWinnerList,
  ContestEditBody,
  ContestWriteBody,
  ErrorBody,
  IdParams,
  ImportBody,
  ImportResult,
  Ok,
  QuestionParams,
  QuestionWrite,
  RoundEditBody,
  RoundParams,
} from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { adminContest, closeContest, closeRound, createContest, listAdminContests, publishContest, roundQuestions } from "./admin.js";
import { addQuestion, deleteQuestion, editContest, editRound, updateQuestion } from "./edit.js";
import { exportRound } from "./export.js";
import { importQuestions } from "./import.js";
import { startedTopCache } from "./top-cache.js";
import { adminWinners, pickWinners } from "./winners.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["contests-admin"];
const scope = "Her subtree only: the organising unit must be under one of her cán bộ/admin roles. Every change is audited.";

/** Thi, the cán bộ's side: create, import banks, preview, publish, close, pick winners, export. */
export async function contestAdminRoutes(app: App): Promise<void> {
  const db = app.deps.db;
  app.get(
    "/admin/contests",
    { schema: { tags, summary: "Contests and practice quizzes of my subtree", ...secured, response: { 200: AdminContestList, ...errors } } },
    async (req) => listAdminContests(db, requireAuth(req)),
  );
  app.post(
    "/admin/contests",
    { schema: { tags, summary: "Create a contest or practice quiz (a draft) with its rounds", description: scope, ...secured, body: ContestWriteBody, response: { 201: AdminContest, ...errors } } },
    async (req, reply) => reply.status(201).send(await createContest(db, requireAuth(req), req.body)),
  );
  app.get(
    "/admin/contests/:id",
    { schema: { tags, summary: "A contest with its rounds, bank sizes and entries", ...secured, params: IdParams, response: { 200: AdminContest, ...errors } } },
    async (req) => adminContest(db, requireAuth(req), req.params.id),
  );
  app.patch(
    "/admin/contests/:id",
    { schema: { tags, summary: "Change a contest's title, description, rules text or prizes (until it is closed)", description: scope, ...secured, params: IdParams, body: ContestEditBody, response: { 200: AdminContest, ...errors } } },
    async (req) => editContest(db, requireAuth(req), req.params.id, req.body),
  );
  app.patch(
    "/admin/contests/:id/rounds/:roundId",
    {
      schema: {
        tags,
        summary: "Change a round: title, times, attempts allowed; questions per attempt, time limit and prediction only before anyone started",
        description: "409 CONTEST_ROUND_HAS_ATTEMPTS when an attempt exists and the change would alter how attempts are drawn or timed; 409 CONTEST_NOT_EDITABLE once closed.",
        ...secured,
        params: RoundParams,
        body: RoundEditBody,
        response: { 200: AdminContest, ...errors },
      },
    },
    async (req) => editRound(db, requireAuth(req), req.params.id, req.params.roundId, req.body),
  );
  app.post(
    "/admin/contests/:id/rounds/:roundId/questions",
    { schema: { tags, summary: "Add one question by hand (with an optional picture) while nobody has started an attempt", ...secured, params: RoundParams, body: QuestionWrite, response: { 201: AdminQuestion, ...errors } } },
    async (req, reply) => reply.status(201).send(await addQuestion(db, requireAuth(req), req.params.id, req.params.roundId, req.body)),
  );
  app.put(
    "/admin/contests/:id/rounds/:roundId/questions/:questionId",
    { schema: { tags, summary: "Change a question (prompt, choices, answer, explanation, picture) while nobody has started an attempt", description: "409 CONTEST_ROUND_HAS_ATTEMPTS otherwise.", ...secured, params: QuestionParams, body: QuestionWrite, response: { 200: AdminQuestion, ...errors } } },
    async (req) => updateQuestion(db, requireAuth(req), req.params.id, req.params.roundId, req.params.questionId, req.body),
  );
  app.delete(
    "/admin/contests/:id/rounds/:roundId/questions/:questionId",
    { schema: { tags, summary: "Remove a question while nobody has started an attempt", ...secured, params: QuestionParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await deleteQuestion(db, requireAuth(req), req.params.id, req.params.roundId, req.params.questionId);
      return { ok: true as const };
    },
  );
  app.post(
    "/admin/contests/:id/publish",
    { schema: { tags, summary: "Publish: members see it (every round's bank must be large enough)", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await publishContest(db, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    "/admin/contests/:id/close",
    { schema: { tags, summary: "End the contest: every round closed and finalised", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await closeContest(db, requireAuth(req), req.params.id);
      startedTopCache(app.deps)?.forget(); // its rounds were re-keyed and ranked
      return { ok: true as const };
    },
  );
  app.post(
    "/admin/contests/:id/rounds/:roundId/import",
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: "Import questions from an Excel (.xlsx) or CSV file (base64): bad rows reported by line",
        description: "Columns: Câu hỏi | A | B | C… | Đáp án | Giải thích. One bad row imports nothing unless skipBad.",
        ...secured,
        params: RoundParams,
        body: ImportBody,
        response: { 200: ImportResult, ...errors },
      },
    },
    async (req) => importQuestions(db, requireAuth(req), req.params.id, req.params.roundId, req.body),
  );
  app.get(
    "/admin/contests/:id/rounds/:roundId/questions",
    { schema: { tags, summary: "Preview a round's bank with the answers", ...secured, params: RoundParams, response: { 200: AdminQuestionList, ...errors } } },
    async (req) => roundQuestions(db, requireAuth(req), req.params.id, req.params.roundId),
  );
  app.post(
    "/admin/contests/:id/rounds/:roundId/close",
    { schema: { tags, summary: "Close a round now: open attempts expire, the prediction figure is counted, the order fixed", ...secured, params: RoundParams, response: { 200: Type.Object({ predictionActual: Type.Union([Type.Integer(), Type.Null()]) }), ...errors } } },
    async (req) => {
      const { actual } = await closeRound(db, requireAuth(req), req.params.id, req.params.roundId);
      startedTopCache(app.deps)?.forget(req.params.roundId); // re-keyed and ranked
      return { predictionActual: actual };
    },
  );
  app.post(
    "/admin/contests/:id/rounds/:roundId/winners",
    { schema: { tags, summary: "Pick the round's winners by the contest's rule and prize tiers", ...secured, params: RoundParams, response: { 200: Type.Object({ winners: Type.Integer() }), ...errors } } },
    async (req) => {
      const picked = await pickWinners(app.deps, requireAuth(req), req.params.id, req.params.roundId);
      startedTopCache(app.deps)?.forget(req.params.roundId); // finalised if nobody had closed it
      return picked;
    },
  );
  app.get(
    "/admin/contests/:id/rounds/:roundId/winners",
    { schema: { tags, summary: "Winners with full phone numbers and their identity confirmations (audited)", ...secured, params: RoundParams, response: { 200: AdminWinnerList, ...errors } } },
    async (req) => adminWinners(db, app.deps.config.phoneKeys, requireAuth(req), req.params.id, req.params.roundId),
  );
  app.get(
    "/admin/contests/:id/rounds/:roundId/export",
    { schema: { tags, summary: "The organising committee's Excel: individual ranking, winners, units' participation", ...secured, params: RoundParams, produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] } },
    async (req, reply) => {
      const file = await exportRound(db, app.deps.config.phoneKeys, requireAuth(req), req.params.id, req.params.roundId);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  );
}
