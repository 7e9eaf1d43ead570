import { AdminPoll, AdminPollList, ErrorBody, IdParams, MemberPoll, MemberPollList, Ok, PollAnswerBody, PollResults, PollWriteBody } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { closePoll, createPoll, listPolls, pollDetail } from "./admin.js";
import { announcePoll } from "./announce.js";
import { exportPoll } from "./export.js";
import { answerPoll, memberPoll, memberPolls } from "./member.js";
import { pollResults } from "./results.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const scope = "Her subtree only: the sending unit under one of her cán bộ/admin roles (403), chosen units inside it.";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Khảo sát nhanh: the cán bộ's create, results, export and close; the member's list and answer. */
export async function pollRoutes(app: App): Promise<void> {
  const { db } = app.deps;
  const tags = ["polls-admin"];
  app.post(
    "/admin/polls",
    { schema: { tags, summary: "Send a poll of 1–5 questions to a segment of my subtree, optionally announced", description: scope, ...secured, body: PollWriteBody, response: { 201: AdminPoll, ...errors } } },
    async (req, reply) => {
      const auth = requireAuth(req);
      const id = await createPoll(db, auth, req.body);
      if (req.body.announce) await announcePoll(app.deps, auth, id);
      return reply.status(201).send(await pollDetail(db, auth, id));
    },
  );
  app.get("/admin/polls", { schema: { tags, summary: "Polls of my subtree, newest first", ...secured, response: { 200: AdminPollList, ...errors } } }, async (req) => listPolls(db, requireAuth(req)));
  app.get(
    "/admin/polls/:id",
    { schema: { tags, summary: "One poll of my subtree", ...secured, params: IdParams, response: { 200: AdminPoll, ...errors } } },
    async (req) => pollDetail(db, requireAuth(req), req.params.id),
  );
  app.get(
    "/admin/polls/:id/results",
    {
      schema: {
        tags,
        summary: "Live results: counts per question and option, by unit, age group and ethnic group; groups under 5 answers merged or hidden; texts without author",
        ...secured,
        params: IdParams,
        response: { 200: PollResults, ...errors },
      },
    },
    async (req) => pollResults(db, requireAuth(req), req.params.id),
  );
  app.get(
    "/admin/polls/:id/export",
    { schema: { tags, summary: "The results as an Excel workbook (same figures and small-group rule; audited)", ...secured, params: IdParams, produces: [XLSX] } },
    async (req, reply) => {
      const file = await exportPoll(db, requireAuth(req), req.params.id);
      return reply.header("content-type", XLSX).header("content-disposition", `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
  app.post(
    "/admin/polls/:id/close",
    { schema: { tags, summary: "Close the poll now: answers are refused from then on", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await closePoll(db, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );

  const member = ["polls"];
  app.get("/polls", { schema: { tags: member, summary: "My polls: open ones first, then those closed in the last 30 days", ...secured, response: { 200: MemberPollList, ...errors } } }, async (req) =>
    memberPolls(db, requireAuth(req).memberId),
  );
  app.get(
    "/polls/:id",
    { schema: { tags: member, summary: "One of my polls, with whether I answered it", ...secured, params: IdParams, response: { 200: MemberPoll, ...errors } } },
    async (req) => memberPoll(db, requireAuth(req).memberId, req.params.id),
  );
  app.post(
    "/polls/:id/answers",
    {
      onRequest: app.limit("answer"),
      schema: {
        tags: member,
        summary: "Answer once (409 POLL_ALREADY_ANSWERED after; 409 POLL_CLOSED once closed); stored without my id",
        ...secured,
        params: IdParams,
        body: PollAnswerBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await answerPoll(db, requireAuth(req).memberId, req.params.id, req.body);
      return reply.status(201).send({ ok: true as const });
    },
  );
}
