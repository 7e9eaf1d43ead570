import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type {
  RatingBody,
  RatingView,
  CategoryList,
  CreateSubmissionBody,
  Destination,
  DestinationQuery,
  FollowUpBody,
  MySubmissionList,
  SignedPetitionList,
  SignResult,
  SimilarList,
  SubmissionCreated,
  SubmissionStatus,
  SubmissionView,
} from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Feedback, reports and petitions, the woman's side: categories, sending, her items, petitions she signs. */
export const feedbackKeys = {
  all: ["feedback"] as const,
  categories: (includeInactive = false) => ["feedback", "categories", { includeInactive }] as const,
  mine: () => ["feedback", "mine"] as const,
  signed: () => ["feedback", "signed"] as const,
  item: (id: string) => ["feedback", "item", id] as const,
  tracked: (code: string) => ["feedback", "tracked", code] as const,
  destination: (query: DestinationQuery) => ["feedback", "destination", query] as const,
  similar: (q: string, unitId: string) => ["feedback", "similar", unitId, q] as const,
};

export const feedbackQueries = {
  /** Every category (the admin's list includes the ones switched off). */
  categories: (includeInactive = false) =>
    queryOptions({
      queryKey: feedbackKeys.categories(includeInactive),
      queryFn: ({ signal }) => request<CategoryList>("GET", "/categories", { query: includeInactive ? { includeInactive } : {}, signal }),
      staleTime: STALE.reference,
    }),
  mine: () =>
    queryOptions({
      queryKey: feedbackKeys.mine(),
      queryFn: ({ signal }) => request<MySubmissionList>("GET", "/submissions/mine", { signal }),
      staleTime: STALE.changing,
    }),
  /** Other women's petitions she co-signed ("Đã ký"). */
  signed: () =>
    queryOptions({
      queryKey: feedbackKeys.signed(),
      queryFn: ({ signal }) => request<SignedPetitionList>("GET", "/submissions/signed", { signal }),
      staleTime: STALE.changing,
    }),
  item: (id: string) =>
    queryOptions({
      queryKey: feedbackKeys.item(id),
      queryFn: ({ signal }) => request<SubmissionView>("GET", `/submissions/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
    }),
  /** Her item found by the code she wrote down. */
  tracked: (code: string) =>
    queryOptions({
      queryKey: feedbackKeys.tracked(code),
      queryFn: ({ signal }) => request<SubmissionView>("GET", `/submissions/track/${seg(code)}`, { signal }),
      staleTime: STALE.changing,
    }),
  /** Where an item would go if sent now (the routing rules decide, not the unit she picked). */
  destination: (query: DestinationQuery) =>
    queryOptions({
      queryKey: feedbackKeys.destination(query),
      queryFn: ({ signal }) => request<Destination>("GET", "/submissions/destination", { query: { ...query }, signal }),
      staleTime: STALE.reference,
      // Only a hint under the form: when it cannot be had, the form says so and she sends anyway.
      retry: false,
    }),
  /** Open items of her commune that look like what she is typing. */
  similar: (q: string, unitId: string) =>
    queryOptions({
      queryKey: feedbackKeys.similar(q, unitId),
      queryFn: ({ signal }) => request<SimilarList>("GET", "/submissions/similar", { query: { q, unitId }, signal }),
      retry: false,
    }),
};

/** One item with its form's Idempotency-Key; also what the outbox sends later (pages/feedback/outbox.ts). */
export function postSubmission(key: string, body: CreateSubmissionBody): Promise<SubmissionCreated> {
  return request<SubmissionCreated>("POST", "/submissions", { body, headers: { "idempotency-key": key } });
}

export const feedbackMutations = {
  /** `key`: one per form (newIdempotencyKey), the same for every retry of it; the server stores the item once. */
  submit: () =>
    mutationOptions({
      mutationFn: ({ key, body }: { key: string; body: CreateSubmissionBody }) => postSubmission(key, body),
      onSuccess: (_created, _v, _r, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: feedbackKeys.mine() }), client.invalidateQueries({ queryKey: [...feedbackKeys.all, "similar"] })]),
    }),
  sign: () =>
    mutationOptions({
      mutationFn: (id: string) => request<SignResult>("POST", `/petitions/${seg(id)}/sign`),
      onSuccess: (_r, id, _x, { client }) =>
        Promise.all([
          client.invalidateQueries({ queryKey: feedbackKeys.item(id) }),
          client.invalidateQueries({ queryKey: feedbackKeys.signed() }),
          client.invalidateQueries({ queryKey: [...feedbackKeys.all, "similar"] }),
        ]),
    }),
  /** Her rating of the answer, once. */
  rate: () =>
    mutationOptions({
      mutationFn: ({ id, body }: { id: string; body: RatingBody }) => request<RatingView>("POST", `/submissions/${seg(id)}/rating`, { body }),
      onSuccess: (_r, { id }, _x, { client }) => client.invalidateQueries({ queryKey: feedbackKeys.item(id) }),
    }),
  followUp: () =>
    mutationOptions({
      mutationFn: ({ id, body }: { id: string; body: FollowUpBody }) => request<{ status: SubmissionStatus }>("POST", `/submissions/${seg(id)}/follow-up`, { body }),
      onSuccess: (_r, { id }, _x, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: feedbackKeys.item(id) }), client.invalidateQueries({ queryKey: feedbackKeys.mine() })]),
    }),
};
