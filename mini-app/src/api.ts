import type {
  ActionResult,
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
  RoutingRuleBody,
  RoutingRuleList,
  RoutingRuleView,
  Unit,
  UnitDetail,
  UnitHistory,
  UpsertCategoryBody,
  AssignmentDetail,
  CategoryList,
  ChooseUnitBody,
  CreateSubmissionBody,
  Destination,
  DestinationQuery,
  FollowUpBody,
  ForwardBody,
  InboxList,
  InboxQuery,
  ListPageQuery,
  MediaUploaded,
  MySubmissionList,
  NotificationList,
  OaLinkCode,
  OaLinkStatus,
  ReplyBody,
  RerouteBody,
  ResolveBody,
  SignedPetitionList,
  SignResult,
  SimilarList,
  SubmissionCreated,
  SubmissionStatus,
  SubmissionView,
  DevLoginBody,
  ErrorBody,
  Me,
  Ok,
  PendingMemberList,
  PhoneBody,
  SessionResponse,
  UnitList,
  UnitListQuery,
  ZaloLoginBody,
} from "@hoiso/shared";
import "./i18n/common/index.js";
import { t } from "./i18n/index.js";

/** What every failed call turns into: the server's stable code and its Vietnamese message, ready to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const BASE = (import.meta.env.VITE_API_URL || "/api").replace(/\/+$/, "");
// Remote communes have slow, patchy networks: wait long, but not forever.
const TIMEOUT_MS = 25_000;
const UPLOAD_TIMEOUT_MS = 120_000;

let token: string | null = null;
let onExpired: (() => void) | null = null;

export function setAuthToken(t: string | null): void {
  token = t;
}

/** Called when the server no longer knows our session, so the app can log in again. */
export function onSessionExpired(cb: () => void): void {
  onExpired = cb;
}

type Query = Record<string, string | number | boolean | undefined>;

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return `${BASE}${path}${s ? `?${s}` : ""}`;
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === "object" && x !== null && typeof (x as ErrorBody).code === "string" && typeof (x as ErrorBody).message === "string";
}

interface RequestOptions {
  body?: unknown;
  /** A multipart upload instead of a JSON body (the browser sets the boundary header). */
  form?: FormData;
  query?: Query;
  /** Answer with the raw bytes (media) instead of JSON. */
  blob?: boolean;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: opts.blob ? "*/*" : "application/json", ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const sentToken = token;
  if (sentToken) headers.authorization = `Bearer ${sentToken}`;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: ctrl.signal,
    });
    if (opts.blob && res.ok) return (await res.blob()) as T;
  } catch {
    throw ctrl.signal.aborted
      ? new ApiError(0, "TIMEOUT", t("common:errors.timeout"))
      : new ApiError(0, "NETWORK", t("common:errors.network"));
  } finally {
    clearTimeout(timer);
  }
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok && (data !== undefined || res.status === 204)) return data as T;
  // A 200 that is not JSON (e.g. an HTML fallback page for a route this server does not have yet).
  if (res.ok) throw new ApiError(res.status, "BAD_RESPONSE", t("common:errors.badResponse"));
  if (res.status === 401 && sentToken && sentToken === token) onExpired?.();
  if (isErrorBody(data)) throw new ApiError(res.status, data.code, data.message, data.field);
  throw new ApiError(res.status, "HTTP_" + res.status, t("common:errors.busy"));
}

/** The one client over the @hoiso/shared schemas. */
export const api = {
  loginZalo: (body: ZaloLoginBody) => request<SessionResponse>("POST", "/auth/zalo", { body }),
  loginDev: (body: DevLoginBody) => request<SessionResponse>("POST", "/auth/dev", { body }),
  logout: () => request<Ok>("POST", "/auth/logout"),
  me: () => request<Me>("GET", "/me"),
  savePhone: (body: PhoneBody) => request<Me>("POST", "/me/phone", { body }),
  chooseUnit: (body: ChooseUnitBody) => request<Me>("PUT", "/me/unit", { body }),
  units: (query: UnitListQuery) => request<UnitList>("GET", "/units", { query }),
  pendingMembers: (unitId: string) => request<PendingMemberList>("GET", `/units/${encodeURIComponent(unitId)}/pending-members`),
  confirmMember: (memberId: string) => request<Ok>("POST", `/members/${encodeURIComponent(memberId)}/confirm`),
  /** Whether her notifications can reach her in the OA chat; the code she sends there to link it. */
  oaLinkStatus: () => request<OaLinkStatus>("GET", "/me/zalo-oa"),
  oaLinkCode: () => request<OaLinkCode>("POST", "/me/zalo-oa/code"),

  // Feedback, reports and petitions: the woman's side.
  categories: () => request<CategoryList>("GET", "/categories"),
  /** One photo or voice note; a slow 3G upload of a few MB takes a while, so wait longer than for JSON. */
  uploadMedia: (file: Blob, name: string) => {
    const form = new FormData();
    form.append("file", file, name);
    return request<MediaUploaded>("POST", "/media", { form, timeoutMs: UPLOAD_TIMEOUT_MS });
  },
  /** The bytes of a photo or voice note (the bearer token cannot ride on an <img src>, hence a blob). */
  media: (id: string) => request<Blob>("GET", `/media/${encodeURIComponent(id)}`, { blob: true, timeoutMs: UPLOAD_TIMEOUT_MS }),
  /** `key`: one per form (newIdempotencyKey), the same for every retry of it; the server stores the item once. */
  submit: (key: string, body: CreateSubmissionBody) => request<SubmissionCreated>("POST", "/submissions", { body, headers: { "idempotency-key": key } }),
  mySubmissions: () => request<MySubmissionList>("GET", "/submissions/mine"),
  /** Other women's petitions she co-signed ("Đã ký"). */
  signedPetitions: () => request<SignedPetitionList>("GET", "/submissions/signed"),
  /** Where an item would go if sent now (the routing rules decide, not the unit she picked). */
  destination: (query: DestinationQuery) => request<Destination>("GET", "/submissions/destination", { query }),
  submission: (id: string) => request<SubmissionView>("GET", `/submissions/${encodeURIComponent(id)}`),
  track: (code: string) => request<SubmissionView>("GET", `/submissions/track/${encodeURIComponent(code)}`),
  similar: (q: string, unitId: string) => request<SimilarList>("GET", "/submissions/similar", { query: { q, unitId } }),
  signPetition: (id: string) => request<SignResult>("POST", `/petitions/${encodeURIComponent(id)}/sign`),
  followUp: (id: string, body: FollowUpBody) => request<{ status: SubmissionStatus }>("POST", `/submissions/${encodeURIComponent(id)}/follow-up`, { body }),

  // In-app notifications (every member, newest first) and marking one read.
  notifications: (query: ListPageQuery = {}) => request<NotificationList>("GET", "/notifications", { query }),
  markNotificationRead: (id: string) => request<Ok>("POST", `/notifications/${encodeURIComponent(id)}/read`),

  // The cán bộ's inbox.
  inbox: (query: InboxQuery) => request<InboxList>("GET", "/inbox", { query }),
  assignment: (id: string) => request<AssignmentDetail>("GET", `/assignments/${encodeURIComponent(id)}`),
  ack: (id: string) => request<ActionResult>("POST", `/assignments/${encodeURIComponent(id)}/ack`),
  reply: (id: string, body: ReplyBody) => request<ActionResult>("POST", `/assignments/${encodeURIComponent(id)}/reply`, { body }),
  forward: (id: string, body: ForwardBody) => request<ActionResult>("POST", `/assignments/${encodeURIComponent(id)}/forward`, { body }),
  reroute: (id: string, body: RerouteBody) => request<ActionResult>("POST", `/assignments/${encodeURIComponent(id)}/reroute`, { body }),
  resolve: (id: string, body: ResolveBody) => request<ActionResult>("POST", `/assignments/${encodeURIComponent(id)}/resolve`, { body }),

  // Quản trị: members and roles, the unit tree, feedback routing data, the audit log.
  adminMembers: (query: AdminMemberQuery) => request<AdminMemberList>("GET", "/admin/members", { query }),
  adminRoles: (unitId?: string) => request<AdminRoleList>("GET", "/admin/roles", { query: { unitId } }),
  grantRole: (body: GrantRoleBody) => request<AdminRole>("POST", "/admin/roles", { body }),
  revokeRole: (id: string) => request<Ok>("DELETE", `/admin/roles/${encodeURIComponent(id)}`),
  unit: (id: string) => request<UnitDetail>("GET", `/units/${encodeURIComponent(id)}`),
  unitHistory: (id: string) => request<UnitHistory>("GET", `/units/${encodeURIComponent(id)}/history`),
  createUnit: (body: CreateUnitBody) => request<Unit>("POST", "/admin/units", { body }),
  renameUnit: (id: string, name: string) => request<Unit>("PATCH", `/admin/units/${encodeURIComponent(id)}`, { body: { name } }),
  deactivateUnit: (id: string) => request<Unit>("POST", `/admin/units/${encodeURIComponent(id)}/deactivate`, { body: {} }),
  mergeUnit: (id: string, intoId: string) => request<MergeResult>("POST", `/admin/units/${encodeURIComponent(id)}/merge`, { body: { intoId } }),
  allCategories: () => request<CategoryList>("GET", "/categories", { query: { includeInactive: true } }),
  upsertCategory: (code: string, body: UpsertCategoryBody) => request<Category>("PUT", `/admin/categories/${encodeURIComponent(code)}`, { body }),
  routingRules: () => request<RoutingRuleList>("GET", "/admin/routing-rules"),
  createRule: (body: RoutingRuleBody) => request<RoutingRuleView>("POST", "/admin/routing-rules", { body }),
  deleteRule: (id: string) => request<Ok>("DELETE", `/admin/routing-rules/${encodeURIComponent(id)}`),
  feedbackSettings: () => request<FeedbackSettings>("GET", "/admin/feedback-settings"),
  saveFeedbackSettings: (body: FeedbackSettings) => request<FeedbackSettings>("PUT", "/admin/feedback-settings", { body }),
  audit: (query: AuditQuery) => request<AuditList>("GET", "/admin/audit", { query }),
};

/** A random Idempotency-Key (randomUUID needs a secure context; Zalo's webview and localhost are, a LAN address is not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The message to show for anything a call or the SDK threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return t("common:errors.unknown");
}
