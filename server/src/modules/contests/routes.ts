import {
  AttemptResult,
  AttemptView,
  ContestDetail,
  ContestList,
  ErrorBody,
  IdParams,
  Leaderboard,
  LeaderboardQuery,
  MyRoundResult,
  Ok,
  QuizCheckBody,
  QuizCheckResult,
  QuizList,
  QuizSession,
  RoundQuery,
  StartAttemptBody,
  SubmitAttemptBody,
  WinnerConfirmBody,
  WinnerList,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { attemptView, startAttempt, submitAttempt } from "./attempts.js";
import { contestDetail, leaderboard, listContests, myRound, winners } from "./member.js";
import { checkPractice, listQuizzes, practiceSession } from "./practice.js";
import { startedTopCache, topCacheOf } from "./top-cache.js";
import { confirmWinner } from "./winners.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const limited = { ...errors, 429: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["contests"];

/** Thi, the member's side: practice, contests, attempts scored on the server, her result and rank, leaderboards, winners. */
export async function contestRoutes(app: App): Promise<void> {
  const db = app.deps.db;
  app.addHook("onClose", async () => {
    await startedTopCache(app.deps)?.close();
  });
  app.get(
    "/contests",
    { schema: { tags, summary: "Contests for my unit, with their rounds and my standing in each", ...secured, response: { 200: ContestList, ...errors } } },
    async (req) => listContests(db, requireAuth(req).memberId),
  );
  app.get(
    "/contests/:id",
    { schema: { tags, summary: "A contest: rules, ranking rule, prizes, rounds and my standing", ...secured, params: IdParams, response: { 200: ContestDetail, ...errors } } },
    async (req) => contestDetail(db, requireAuth(req).memberId, req.params.id),
  );
  app.post(
    "/contests/:id/attempts",
    {
      // a script starting and abandoning attempts to harvest the bank is slowed; a woman starts a few per round
      onRequest: app.limit("attempt"),
      schema: {
        tags,
        summary: "Start an attempt in an open round: questions without answers, and the deadline by the server's clock",
        description: "409 CONTEST_ATTEMPT_OPEN (field = the open attempt's id, to resume), CONTEST_ATTEMPTS_USED, CONTEST_ROUND_CLOSED, CONTEST_ROUND_NOT_OPEN; 429 RATE_LIMITED when she starts too many in a short time.",
        ...secured,
        params: IdParams,
        body: StartAttemptBody,
        response: { 201: AttemptView, ...limited },
      },
    },
    async (req, reply) => reply.status(201).send(await startAttempt(db, requireAuth(req).memberId, req.params.id, req.body)),
  );
  app.get(
    "/attempts/:id",
    { schema: { tags, summary: "My attempt again (after a dropped connection): same questions, same order, same deadline", ...secured, params: IdParams, response: { 200: AttemptView, ...errors } } },
    async (req) => attemptView(db, requireAuth(req).memberId, req.params.id),
  );
  app.put(
    "/attempts/:id",
    {
      schema: {
        tags,
        summary: "Hand in my answers (and my prediction): scored on the server, with my rank",
        description: "Refused after the deadline plus the grace (CONTEST_ATTEMPT_LATE), twice (CONTEST_ATTEMPT_DONE), for answers outside the attempt (CONTEST_ANSWERS_INVALID).",
        ...secured,
        params: IdParams,
        body: SubmitAttemptBody,
        response: { 200: AttemptResult, ...errors },
      },
    },
    // her entry, if it now ranks within the top this process keeps, drops it at once (the database tells the others)
    async (req) => submitAttempt(db, requireAuth(req).memberId, req.params.id, req.body, new Date(), (roundId, key) => startedTopCache(app.deps)?.wrote(roundId, key)),
  );
  app.get(
    "/contests/:id/me",
    { schema: { tags, summary: "My attempts, best, ranks (all, my xã, my chi hội) in a round; after it closes, my review", ...secured, params: IdParams, querystring: RoundQuery, response: { 200: MyRoundResult, ...errors } } },
    async (req) => myRound(db, requireAuth(req).memberId, req.params.id, req.query.roundId),
  );
  app.get(
    "/contests/:id/leaderboard",
    { schema: { tags, summary: "Top 100 of a round by the contest's rule and my own row; or the communes' participation", ...secured, params: IdParams, querystring: LeaderboardQuery, response: { 200: Leaderboard, ...errors } } },
    async (req) => leaderboard(db, requireAuth(req).memberId, req.params.id, req.query, { cache: topCacheOf(app.deps), pool: app.deps.pool }),
  );
  app.get(
    "/contests/:id/winners",
    { schema: { tags, summary: "A round's winners: names and units, phone numbers masked", ...secured, params: IdParams, querystring: RoundQuery, response: { 200: WinnerList, ...errors } } },
    async (req) => winners(db, app.deps.config.phoneKeys, requireAuth(req).memberId, req.params.id, req.query.roundId),
  );
  app.post(
    "/contests/:id/winners/confirm",
    { schema: { tags, summary: "A winner confirms who she is to the organisers", ...secured, params: IdParams, body: WinnerConfirmBody, response: { 200: Ok, ...errors } } },
    async (req) => {
      await confirmWinner(db, app.deps.config.phoneKeys, requireAuth(req).memberId, req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    "/quizzes",
    { schema: { tags, summary: "Practice quizzes (Ôn tập) for my unit", ...secured, response: { 200: QuizList, ...errors } } },
    async (req) => listQuizzes(db, requireAuth(req).memberId),
  );
  app.get(
    "/quizzes/:id",
    { schema: { tags, summary: "A practice session: questions drawn at random, choices shuffled, no answers", ...secured, params: IdParams, response: { 200: QuizSession, ...errors } } },
    async (req) => practiceSession(db, requireAuth(req).memberId, req.params.id),
  );
  app.post(
    "/quizzes/:id/check",
    { schema: { tags, summary: "Check one practice answer: right or not, the right answer and its explanation", ...secured, params: IdParams, body: QuizCheckBody, response: { 200: QuizCheckResult, ...errors } } },
    async (req) => checkPractice(db, requireAuth(req).memberId, req.params.id, req.body),
  );
}
