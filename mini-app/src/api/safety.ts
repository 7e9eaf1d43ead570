import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type {
  OnCallPutBody,
  OnCallView,
  TrustedAddress,
  TrustedAddressList,
  TrustedCoverage,
  TrustedWriteBody,
  UrgentBody,
  UrgentCreated,
  UrgentStaffView,
} from "@hoiso/shared";
import { feedbackKeys } from "./feedback.js";
import { inboxKeys } from "./inbox.js";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/**
 * An toàn. The trusted addresses are public and fetched without her session (nothing ties the request to her); the
 * rest is the urgent report and the cán bộ's side. Everything under "safety" is dropped from the cache when she
 * leaves a sensitive screen (forgetSensitive).
 */
export const safetyKeys = {
  all: ["safety"] as const,
  addresses: (unitId: string | null) => ["safety", "addresses", unitId ?? "province"] as const,
  /** Under the inbox's prefix: every action in Hộp việc (acknowledge, reply…) refreshes it with the item. */
  report: (submissionId: string) => [...inboxKeys.all, "safety-report", submissionId] as const,
  admin: ["safety", "admin"] as const,
  adminAddresses: (unitId: string) => ["safety", "admin", "addresses", unitId] as const,
  coverage: () => ["safety", "admin", "coverage"] as const,
  onCall: (unitId: string) => ["safety", "admin", "on-call", unitId] as const,
};

export const safetyQueries = {
  addresses: (unitId: string | null) =>
    queryOptions({
      queryKey: safetyKeys.addresses(unitId),
      queryFn: ({ signal }) => request<TrustedAddressList>("GET", "/safety/addresses", { query: { unitId: unitId ?? undefined }, signal, anonymous: true }),
      staleTime: STALE.reference,
    }),
  report: (submissionId: string) =>
    queryOptions({
      queryKey: safetyKeys.report(submissionId),
      queryFn: ({ signal }) => request<UrgentStaffView>("GET", `/safety/reports/${seg(submissionId)}`, { signal }),
      staleTime: STALE.changing,
    }),
  adminAddresses: (unitId: string) =>
    queryOptions({
      queryKey: safetyKeys.adminAddresses(unitId),
      queryFn: ({ signal }) => request<TrustedAddressList>("GET", "/admin/safety/addresses", { query: { unitId }, signal }),
      staleTime: STALE.default,
    }),
  coverage: () =>
    queryOptions({
      queryKey: safetyKeys.coverage(),
      queryFn: ({ signal }) => request<TrustedCoverage>("GET", "/admin/safety/coverage", { signal }),
      staleTime: STALE.default,
    }),
  onCall: (unitId: string) =>
    queryOptions({
      queryKey: safetyKeys.onCall(unitId),
      queryFn: ({ signal }) => request<OnCallView>("GET", "/admin/safety/on-call", { query: { unitId }, signal }),
      staleTime: STALE.default,
    }),
};

export const safetyMutations = {
  urgent: () =>
    mutationOptions({
      mutationFn: (body: UrgentBody) => request<UrgentCreated>("POST", "/safety/urgent", { body }),
      onSuccess: (_r, _v, _c, context) => context.client.invalidateQueries({ queryKey: feedbackKeys.mine() }),
    }),
  addAddress: () =>
    mutationOptions({
      mutationFn: (body: TrustedWriteBody) => request<TrustedAddress>("POST", "/admin/safety/addresses", { body }),
      onSuccess: (_r, _v, _c, context) => context.client.invalidateQueries({ queryKey: safetyKeys.all }),
    }),
  removeAddress: () =>
    mutationOptions({
      mutationFn: (id: string) => request<{ ok: true }>("DELETE", `/admin/safety/addresses/${seg(id)}`),
      onSuccess: (_r, _v, _c, context) => context.client.invalidateQueries({ queryKey: safetyKeys.all }),
    }),
  putOnCall: () =>
    mutationOptions({
      mutationFn: (body: OnCallPutBody) => request<OnCallView>("PUT", "/admin/safety/on-call", { body }),
      onSuccess: (_r, v, _c, context) => context.client.invalidateQueries({ queryKey: safetyKeys.onCall(v.unitId) }),
    }),
};

/**
 * Leaves nothing sensitive behind in memory when she leaves (quick exit, or the screen closes): the safety queries,
 * her items and their timelines, and the inbox's copies. Nothing of these is ever written to storage (only Tìm hiểu's
 * articles are, pages/learn/offline.ts).
 */
export function forgetSensitive(client: QueryClient): void {
  client.removeQueries({ queryKey: safetyKeys.all });
  client.removeQueries({ queryKey: feedbackKeys.all });
  client.removeQueries({ queryKey: inboxKeys.all });
  client.getMutationCache().clear();
}
