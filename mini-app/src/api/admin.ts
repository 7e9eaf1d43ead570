import { infiniteQueryOptions, mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type {
  AdminMemberList,
  AdminMemberQuery,
  AdminRole,
  AdminRoleList,
  AuditList,
  AuditQuery,
  Category,
  CreateUnitBody,
  FeedbackSettings,
  GrantRoleBody,
  MergeResult,
  Ok,
  RoutingRuleBody,
  RoutingRuleList,
  RoutingRuleView,
  Unit,
  UpsertCategoryBody,
} from "@hoiso/shared";
import { feedbackKeys } from "./feedback.js";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";
import { unitKeys } from "./units.js";

/** Quản trị: members and roles, changes to the unit tree, feedback routing data, the audit log. */
export const adminKeys = {
  all: ["admin"] as const,
  members: (query?: AdminMemberQuery) => (query ? (["admin", "members", query] as const) : (["admin", "members"] as const)),
  roles: (unitId?: string) => ["admin", "roles", unitId ?? null] as const,
  rules: () => ["admin", "routing-rules"] as const,
  settings: () => ["admin", "feedback-settings"] as const,
  audit: (query: Omit<AuditQuery, "before">) => ["admin", "audit", query] as const,
};

export const adminQueries = {
  members: (query: AdminMemberQuery) =>
    queryOptions({ queryKey: adminKeys.members(query), queryFn: ({ signal }) => request<AdminMemberList>("GET", "/admin/members", { query: { ...query }, signal }) }),
  roles: (unitId?: string) =>
    queryOptions({ queryKey: adminKeys.roles(unitId), queryFn: ({ signal }) => request<AdminRoleList>("GET", "/admin/roles", { query: { unitId }, signal }) }),
  rules: () =>
    queryOptions({
      queryKey: adminKeys.rules(),
      queryFn: ({ signal }) => request<RoutingRuleList>("GET", "/admin/routing-rules", { signal }),
      staleTime: STALE.reference,
    }),
  settings: () =>
    queryOptions({
      queryKey: adminKeys.settings(),
      queryFn: ({ signal }) => request<FeedbackSettings>("GET", "/admin/feedback-settings", { signal }),
      staleTime: STALE.reference,
    }),
  /** Newest first, a page at a time ("Xem thêm" asks for entries older than the last one shown). */
  audit: (query: Omit<AuditQuery, "before">) =>
    infiniteQueryOptions({
      queryKey: adminKeys.audit(query),
      queryFn: ({ signal, pageParam }) => request<AuditList>("GET", "/admin/audit", { query: { ...query, before: pageParam ?? undefined }, signal }),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextBefore,
    }),
};

/** Every change of the tree: its lists and histories, and members whose unit may have moved. */
const treeChanged = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: unitKeys.all }), client.invalidateQueries({ queryKey: adminKeys.members() })]);

const rolesChanged = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: adminKeys.members() }), client.invalidateQueries({ queryKey: [...adminKeys.all, "roles"] })]);

export const adminMutations = {
  queueBoardLink: () => mutationOptions({ mutationFn: () => request<{ url: string }>("POST", "/admin/ops/queue-board") }),
  grantRole: () =>
    mutationOptions({
      mutationFn: (body: GrantRoleBody) => request<AdminRole>("POST", "/admin/roles", { body }),
      onSuccess: (_r, _v, _x, { client }) => rolesChanged(client),
    }),
  revokeRole: () =>
    mutationOptions({
      mutationFn: (id: string) => request<Ok>("DELETE", `/admin/roles/${seg(id)}`),
      onSuccess: (_r, _v, _x, { client }) => rolesChanged(client),
    }),
  createUnit: () =>
    mutationOptions({
      mutationFn: (body: CreateUnitBody) => request<Unit>("POST", "/admin/units", { body }),
      onSuccess: (_r, _v, _x, { client }) => treeChanged(client),
    }),
  renameUnit: () =>
    mutationOptions({
      mutationFn: ({ id, name }: { id: string; name: string }) => request<Unit>("PATCH", `/admin/units/${seg(id)}`, { body: { name } }),
      onSuccess: (_r, _v, _x, { client }) => treeChanged(client),
    }),
  deactivateUnit: () =>
    mutationOptions({
      mutationFn: (id: string) => request<Unit>("POST", `/admin/units/${seg(id)}/deactivate`, { body: {} }),
      onSuccess: (_r, _v, _x, { client }) => treeChanged(client),
    }),
  mergeUnit: () =>
    mutationOptions({
      mutationFn: ({ id, intoId }: { id: string; intoId: string }) => request<MergeResult>("POST", `/admin/units/${seg(id)}/merge`, { body: { intoId } }),
      // Members, cán bộ roles and open work move with the merge.
      onSuccess: (_r, _v, _x, { client }) => Promise.all([treeChanged(client), rolesChanged(client)]),
    }),
  upsertCategory: () =>
    mutationOptions({
      mutationFn: ({ code, body }: { code: string; body: UpsertCategoryBody }) => request<Category>("PUT", `/admin/categories/${seg(code)}`, { body }),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: [...feedbackKeys.all, "categories"] }),
    }),
  createRule: () =>
    mutationOptions({
      mutationFn: (body: RoutingRuleBody) => request<RoutingRuleView>("POST", "/admin/routing-rules", { body }),
      onSuccess: (_r, _v, _x, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: adminKeys.rules() }), client.invalidateQueries({ queryKey: [...feedbackKeys.all, "destination"] })]),
    }),
  deleteRule: () =>
    mutationOptions({
      mutationFn: (id: string) => request<Ok>("DELETE", `/admin/routing-rules/${seg(id)}`),
      onSuccess: (_r, _v, _x, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: adminKeys.rules() }), client.invalidateQueries({ queryKey: [...feedbackKeys.all, "destination"] })]),
    }),
  saveSettings: () =>
    mutationOptions({
      mutationFn: (body: FeedbackSettings) => request<FeedbackSettings>("PUT", "/admin/feedback-settings", { body }),
      onSuccess: (saved, _v, _x, { client }) => client.setQueryData(adminKeys.settings(), saved),
    }),
};
