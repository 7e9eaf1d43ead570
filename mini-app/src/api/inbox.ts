import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { ActionResult, AssignmentDetail, ForwardBody, InboxCounts, InboxList, InboxQuery, LegalCloseBody, OnBehalfBody, OnBehalfCreated, ReplyBody, RerouteBody, ResolveBody } from "@hoiso/shared";
import { feedbackKeys } from "./feedback.js";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** The cán bộ's side of feedback: her units' inbox, its counts, one assignment and what she does with it. */
export const inboxKeys = {
  all: ["inbox"] as const,
  list: (query: InboxQuery) => ["inbox", "list", query] as const,
  counts: () => ["inbox", "counts"] as const,
  assignment: (id: string) => ["inbox", "assignment", id] as const,
};

export const inboxQueries = {
  list: (query: InboxQuery) =>
    queryOptions({
      queryKey: inboxKeys.list(query),
      queryFn: ({ signal }) => request<InboxList>("GET", "/inbox", { query: { ...query }, signal }),
      staleTime: STALE.changing,
    }),
  /** How much is open and how much of it late, in one call. */
  counts: () =>
    queryOptions({
      queryKey: inboxKeys.counts(),
      queryFn: ({ signal }) => request<InboxCounts>("GET", "/inbox/counts", { signal }),
      staleTime: STALE.changing,
    }),
  assignment: (id: string) =>
    queryOptions({
      queryKey: inboxKeys.assignment(id),
      queryFn: ({ signal }) => request<AssignmentDetail>("GET", `/assignments/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
    }),
};

type Action =
  | { kind: "ack"; id: string }
  | { kind: "reply"; id: string; body: ReplyBody }
  | { kind: "forward"; id: string; body: ForwardBody }
  | { kind: "reroute"; id: string; body: RerouteBody }
  | { kind: "resolve"; id: string; body: ResolveBody }
  | { kind: "legal"; id: string; body: LegalCloseBody };

export type AssignmentAction = Action;

function act(a: Action): Promise<ActionResult> {
  const path = `/assignments/${seg(a.id)}/${a.kind}`;
  return a.kind === "ack" ? request<ActionResult>("POST", path) : request<ActionResult>("POST", path, { body: a.body });
}

export const inboxMutations = {
  /**
   * Tiếp nhận, Trả lời, Chuyển, Chuyển đúng nơi, Giải quyết xong: the inbox, its counts and the item's timeline all
   * change, and so does the item as its author sees it.
   */
  act: () =>
    mutationOptions({
      mutationFn: act,
      onSuccess: (_r, _a, _x, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: inboxKeys.all }), client.invalidateQueries({ queryKey: [...feedbackKeys.all, "item"] })]),
    }),
};

/** Nhập hộ (issue 13): an item a woman gave by phone, in person, on paper or at a meeting; `key` is one per form. */
export const onBehalfMutation = () =>
  mutationOptions({
    mutationFn: ({ key, body }: { key: string; body: OnBehalfBody }) => request<OnBehalfCreated>("POST", "/on-behalf", { body, headers: { "idempotency-key": key } }),
    onSuccess: (_r, _v, _x, { client }) => Promise.all([client.invalidateQueries({ queryKey: inboxKeys.all }), client.invalidateQueries({ queryKey: feedbackKeys.mine() })]),
  });
