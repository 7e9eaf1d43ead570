import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { Ok, PendingMemberList, UnitDetail, UnitHistory, UnitList, UnitListQuery } from "@hoiso/shared";
import { adminKeys } from "./admin.js";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** The unit tree as everyone reads it (search, a unit's children, its history) and the members waiting in a unit. */
export const unitKeys = {
  all: ["units"] as const,
  list: (query: UnitListQuery) => ["units", "list", query] as const,
  detail: (id: string) => ["units", "detail", id] as const,
  history: (id: string) => ["units", "history", id] as const,
  pending: (unitId: string) => ["units", "pending", unitId] as const,
};

export const unitQueries = {
  /** Search by name (old names too, diacritics optional) or a unit's children. */
  list: (query: UnitListQuery) =>
    queryOptions({
      queryKey: unitKeys.list(query),
      queryFn: ({ signal }) => request<UnitList>("GET", "/units", { query, signal }),
      staleTime: STALE.reference,
    }),
  detail: (id: string) =>
    queryOptions({ queryKey: unitKeys.detail(id), queryFn: ({ signal }) => request<UnitDetail>("GET", `/units/${seg(id)}`, { signal }) }),
  history: (id: string) =>
    queryOptions({ queryKey: unitKeys.history(id), queryFn: ({ signal }) => request<UnitHistory>("GET", `/units/${seg(id)}/history`, { signal }) }),
  /** Members who asked to join a unit of her scope, waiting for a cán bộ. */
  pending: (unitId: string) =>
    queryOptions({
      queryKey: unitKeys.pending(unitId),
      queryFn: ({ signal }) => request<PendingMemberList>("GET", `/units/${seg(unitId)}/pending-members`, { signal }),
      staleTime: STALE.changing,
    }),
};

export const unitMutations = {
  /** A cán bộ confirms a member: she leaves every pending list and the admin's member search shows her confirmed. */
  confirmMember: () =>
    mutationOptions({
      mutationFn: (memberId: string) => request<Ok>("POST", `/members/${seg(memberId)}/confirm`),
      onSuccess: (_ok, _id, _r, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: [...unitKeys.all, "pending"] }), client.invalidateQueries({ queryKey: adminKeys.members() })]),
    }),
};
