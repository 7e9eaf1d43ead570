import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type {
  MyPublication,
  PendingPublicationList,
  PublicationPublishBody,
  PublicationReview,
  PublicCommuneList,
  PublicFiguresList,
  PublicRecordItem,
  PublicRecordList,
} from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

const PAGE = 20;

/**
 * Kết quả xử lý. The record itself is read without her session (`anonymous`): what she looks at there is tied to no
 * one. Her consent and the cán bộ's publish step are hers, with the session.
 */
export const publicRecordKeys = {
  all: ["publicRecord"] as const,
  list: (f: { communeId?: string; q?: string }) => ["publicRecord", "list", { communeId: f.communeId ?? null, q: f.q ?? "" }] as const,
  item: (id: string) => ["publicRecord", "item", id] as const,
  communes: () => ["publicRecord", "communes"] as const,
  figures: (communeId?: string) => ["publicRecord", "figures", communeId ?? null] as const,
  photo: (id: string) => ["publicRecord", "photo", id] as const,
  mine: (submissionId: string) => ["publicRecord", "mine", submissionId] as const,
  pending: () => ["publicRecord", "pending"] as const,
  review: (submissionId: string) => ["publicRecord", "review", submissionId] as const,
};

export const publicRecordQueries = {
  list: (f: { communeId?: string; q?: string }) =>
    infiniteQueryOptions({
      queryKey: publicRecordKeys.list(f),
      queryFn: ({ signal, pageParam }) =>
        request<PublicRecordList>("GET", "/public-record", { query: { communeId: f.communeId, q: f.q, limit: PAGE, offset: pageParam }, signal, anonymous: true }),
      initialPageParam: 0,
      getNextPageParam: (last, pages) => {
        const seen = pages.reduce((n, p) => n + p.items.length, 0);
        return seen < last.total && last.items.length > 0 ? seen : undefined;
      },
      staleTime: STALE.default,
    }),
  item: (id: string) =>
    queryOptions({
      queryKey: publicRecordKeys.item(id),
      queryFn: ({ signal }) => request<PublicRecordItem>("GET", `/public-record/items/${seg(id)}`, { signal, anonymous: true }),
      staleTime: STALE.default,
    }),
  communes: () =>
    queryOptions({
      queryKey: publicRecordKeys.communes(),
      queryFn: ({ signal }) => request<PublicCommuneList>("GET", "/public-record/communes", { signal, anonymous: true }),
      staleTime: STALE.reference,
    }),
  figures: (communeId?: string) =>
    queryOptions({
      queryKey: publicRecordKeys.figures(communeId),
      queryFn: ({ signal }) => request<PublicFiguresList>("GET", "/public-record/figures", { query: { communeId }, signal, anonymous: true }),
      staleTime: STALE.default,
    }),
  /** A public proof photo, fetched without her session too. */
  photo: (id: string) =>
    queryOptions({
      queryKey: publicRecordKeys.photo(id),
      queryFn: ({ signal }) => request<Blob>("GET", `/media/${seg(id)}`, { blob: true, signal, anonymous: true }),
      staleTime: STALE.forever,
    }),
  mine: (submissionId: string) =>
    queryOptions({
      queryKey: publicRecordKeys.mine(submissionId),
      queryFn: ({ signal }) => request<MyPublication>("GET", `/submissions/${seg(submissionId)}/publication`, { signal }),
      staleTime: STALE.changing,
    }),
  pending: () =>
    queryOptions({
      queryKey: publicRecordKeys.pending(),
      queryFn: ({ signal }) => request<PendingPublicationList>("GET", "/staff/publications", { signal }),
      staleTime: STALE.changing,
    }),
  review: (submissionId: string) =>
    queryOptions({
      queryKey: publicRecordKeys.review(submissionId),
      queryFn: ({ signal }) => request<PublicationReview>("GET", `/staff/publications/${seg(submissionId)}`, { signal }),
      staleTime: STALE.changing,
    }),
};

export const publicRecordMutations = {
  consent: (submissionId: string) =>
    mutationOptions({
      mutationFn: (consent: boolean) => request<MyPublication>("PUT", `/submissions/${seg(submissionId)}/publication`, { body: { consent } }),
      onSuccess: (data, _v, _r, context) => context.client.setQueryData(publicRecordKeys.mine(submissionId), data),
    }),
  publish: (submissionId: string) =>
    mutationOptions({
      mutationFn: (body: PublicationPublishBody) => request<PublicationReview>("POST", `/staff/publications/${seg(submissionId)}/publish`, { body }),
      onSuccess: (_d, _v, _r, context) => context.client.invalidateQueries({ queryKey: publicRecordKeys.all }),
    }),
  withdraw: (submissionId: string, action: "decline" | "unpublish") =>
    mutationOptions({
      mutationFn: (note: string) => request<PublicationReview>("POST", `/staff/publications/${seg(submissionId)}/${action}`, { body: { note } }),
      onSuccess: (_d, _v, _r, context) => context.client.invalidateQueries({ queryKey: publicRecordKeys.all }),
    }),
};
