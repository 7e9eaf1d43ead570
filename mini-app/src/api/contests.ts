import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type {
  AdminContest,
  AdminContestList,
  AdminQuestion,
  AdminQuestionList,
  AdminWinnerList,
  AttemptResult,
  AttemptView,
  ContestDetail,
  ContestEditBody,
  ContestList,
  ContestWriteBody,
  ImportBody,
  ImportResult,
  Leaderboard,
  LeaderboardQuery,
  MyRoundResult,
  QuizCheckBody,
  QuizCheckResult,
  QuizList,
  QuizSession,
  QuestionWrite,
  RoundEditBody,
  SubmitAttemptBody,
  WinnerConfirmBody,
  WinnerList,
} from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/**
 * Thi: practice quizzes, contests, her attempts (started and scored on the server), results, boards and winners; the
 * cán bộ's organising under /admin. An attempt is never cached between sessions: its deadline is the server's.
 */
export const contestKeys = {
  all: ["contests"] as const,
  list: ["contests", "list"] as const,
  detail: (id: string) => ["contests", "detail", id] as const,
  attempt: (id: string) => ["contests", "attempt", id] as const,
  mine: (id: string, roundId: string) => ["contests", "mine", id, roundId] as const,
  board: (id: string, q: LeaderboardQuery) => ["contests", "board", id, q.roundId, q.scope ?? "all", q.unitId ?? null] as const,
  winners: (id: string, roundId: string) => ["contests", "winners", id, roundId] as const,
  quizzes: ["contests", "quizzes"] as const,
  admin: ["contests", "admin"] as const,
  adminList: ["contests", "admin", "list"] as const,
  adminContest: (id: string) => ["contests", "admin", "contest", id] as const,
  adminQuestions: (id: string, roundId: string) => ["contests", "admin", "questions", id, roundId] as const,
  adminWinners: (id: string, roundId: string) => ["contests", "admin", "winners", id, roundId] as const,
};

export const contestQueries = {
  list: () => queryOptions({ queryKey: contestKeys.list, queryFn: ({ signal }) => request<ContestList>("GET", "/contests", { signal }), staleTime: STALE.changing }),
  detail: (id: string) => queryOptions({ queryKey: contestKeys.detail(id), queryFn: ({ signal }) => request<ContestDetail>("GET", `/contests/${seg(id)}`, { signal }), staleTime: STALE.changing }),
  attempt: (id: string) =>
    queryOptions({ queryKey: contestKeys.attempt(id), queryFn: ({ signal }) => request<AttemptView>("GET", `/attempts/${seg(id)}`, { signal }), staleTime: STALE.forever, gcTime: 0 }),
  mine: (id: string, roundId: string) =>
    queryOptions({ queryKey: contestKeys.mine(id, roundId), queryFn: ({ signal }) => request<MyRoundResult>("GET", `/contests/${seg(id)}/me`, { query: { roundId }, signal }), staleTime: STALE.changing }),
  board: (id: string, q: LeaderboardQuery) =>
    queryOptions({
      queryKey: contestKeys.board(id, q),
      queryFn: ({ signal }) => request<Leaderboard>("GET", `/contests/${seg(id)}/leaderboard`, { query: { roundId: q.roundId, scope: q.scope, unitId: q.unitId }, signal }),
      staleTime: STALE.changing,
    }),
  winners: (id: string, roundId: string) =>
    queryOptions({ queryKey: contestKeys.winners(id, roundId), queryFn: ({ signal }) => request<WinnerList>("GET", `/contests/${seg(id)}/winners`, { query: { roundId }, signal }), staleTime: STALE.changing }),
  quizzes: () => queryOptions({ queryKey: contestKeys.quizzes, queryFn: ({ signal }) => request<QuizList>("GET", "/quizzes", { signal }), staleTime: STALE.default }),
};

/** Everything her submission changes, except the attempt itself: the screen showing her result keeps it. */
const played = (client: QueryClient) => client.invalidateQueries({ queryKey: contestKeys.all, predicate: (q) => q.queryKey[1] !== "attempt" });

export const contestMutations = {
  start: (id: string) =>
    mutationOptions({
      mutationFn: (roundId: string) => request<AttemptView>("POST", `/contests/${seg(id)}/attempts`, { body: { roundId } }),
      onSuccess: (a, _v, _x, { client }) => {
        client.setQueryData(contestKeys.attempt(a.id), a);
        return client.invalidateQueries({ queryKey: contestKeys.detail(id) });
      },
    }),
  submit: (_contestId: string, attemptId: string) =>
    mutationOptions({
      mutationFn: (body: SubmitAttemptBody) => request<AttemptResult>("PUT", `/attempts/${seg(attemptId)}`, { body }),
      onSuccess: (_r, _v, _x, { client }) => played(client),
    }),
  confirm: (id: string) =>
    mutationOptions({
      mutationFn: (body: WinnerConfirmBody) => request<unknown>("POST", `/contests/${seg(id)}/winners/confirm`, { body }),
      onSuccess: (_r, b, _x, { client }) => client.invalidateQueries({ queryKey: contestKeys.winners(id, b.roundId) }),
    }),
};

/** A practice session is drawn afresh each time: never cached. */
export const practiceQueries = {
  session: (id: string, n: number) =>
    queryOptions({ queryKey: ["contests", "practice", id, n] as const, queryFn: ({ signal }) => request<QuizSession>("GET", `/quizzes/${seg(id)}`, { signal }), staleTime: STALE.forever, gcTime: 0 }),
};
export const practiceMutations = {
  check: (id: string) => mutationOptions({ mutationFn: (body: QuizCheckBody) => request<QuizCheckResult>("POST", `/quizzes/${seg(id)}/check`, { body }) }),
};

// ---------- the cán bộ's side ----------

const organised = (client: QueryClient) => client.invalidateQueries({ queryKey: contestKeys.all });

export const contestAdminQueries = {
  list: () => queryOptions({ queryKey: contestKeys.adminList, queryFn: ({ signal }) => request<AdminContestList>("GET", "/admin/contests", { signal }), staleTime: STALE.default }),
  contest: (id: string) =>
    queryOptions({ queryKey: contestKeys.adminContest(id), queryFn: ({ signal }) => request<AdminContest>("GET", `/admin/contests/${seg(id)}`, { signal }), staleTime: STALE.changing }),
  questions: (id: string, roundId: string) =>
    queryOptions({
      queryKey: contestKeys.adminQuestions(id, roundId),
      queryFn: ({ signal }) => request<AdminQuestionList>("GET", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/questions`, { signal }),
      staleTime: STALE.default,
    }),
  winners: (id: string, roundId: string) =>
    queryOptions({
      queryKey: contestKeys.adminWinners(id, roundId),
      queryFn: ({ signal }) => request<AdminWinnerList>("GET", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/winners`, { signal }),
      staleTime: STALE.changing,
    }),
};

export const contestAdminMutations = {
  create: () => mutationOptions({ mutationFn: (body: ContestWriteBody) => request<AdminContest>("POST", "/admin/contests", { body }), onSuccess: (_r, _b, _x, { client }) => organised(client) }),
  import: (id: string, roundId: string) =>
    mutationOptions({
      mutationFn: (body: ImportBody) => request<ImportResult>("POST", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/import`, { body, timeoutMs: 120_000 }),
      onSuccess: (_r, _b, _x, { client }) => organised(client),
    }),
  /** Title, texts and prizes after creation. */
  edit: (id: string) =>
    mutationOptions({ mutationFn: (body: ContestEditBody) => request<AdminContest>("PATCH", `/admin/contests/${seg(id)}`, { body }), onSuccess: (_r, _b, _x, { client }) => organised(client) }),
  /** A round's title, times, attempts (and, before anyone started, its draw and time limit). */
  editRound: (id: string) =>
    mutationOptions({
      mutationFn: ({ roundId, body }: { roundId: string; body: RoundEditBody }) => request<AdminContest>("PATCH", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}`, { body }),
      onSuccess: (_r, _b, _x, { client }) => organised(client),
    }),
  /** One question changed (with its picture) or removed, while nobody has started an attempt in the round. */
  question: (id: string, roundId: string) =>
    mutationOptions({
      mutationFn: (a: { questionId: string; body: QuestionWrite } | { questionId: string; remove: true }) =>
        "remove" in a
          ? request<unknown>("DELETE", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/questions/${seg(a.questionId)}`)
          : request<AdminQuestion>("PUT", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/questions/${seg(a.questionId)}`, { body: a.body }),
      onSuccess: (_r, _b, _x, { client }) => organised(client),
    }),
  /** publish / close the contest; close a round; pick a round's winners. */
  action: (id: string) =>
    mutationOptions({
      mutationFn: (a: { kind: "publish" | "close" } | { kind: "closeRound" | "winners"; roundId: string }) =>
        "roundId" in a
          ? request<unknown>("POST", `/admin/contests/${seg(id)}/rounds/${seg(a.roundId)}/${a.kind === "closeRound" ? "close" : "winners"}`)
          : request<unknown>("POST", `/admin/contests/${seg(id)}/${a.kind}`),
      onSuccess: (_r, _b, _x, { client }) => organised(client),
    }),
};

/** The organising committee's workbook, downloaded as a file. */
export async function downloadExport(id: string, roundId: string, fileName: string): Promise<void> {
  const blob = await request<Blob>("GET", `/admin/contests/${seg(id)}/rounds/${seg(roundId)}/export`, { blob: true, timeoutMs: 120_000 });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
