import {
  ChooseUnitBody,
  DevLoginBody,
  ErrorBody,
  IdParams,
  LanguageBody,
  Me,
  Ok,
  PendingMemberList,
  PhoneBody,
  SessionResponse,
  ZaloLoginBody,
} from "@hoiso/shared";
import { bearerToken, requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { loadMe } from "./members.js";
import * as auth from "./service.js";
import { deleteSession } from "./sessions.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const secured = { security: [{ bearer: [] }] };

export async function authRoutes(app: App): Promise<void> {
  app.post(
    "/auth/zalo",
    { onRequest: app.limit("login"), schema: { tags: ["auth"], summary: "Log in with a Zalo Mini App access token", body: ZaloLoginBody, response: { 200: SessionResponse, ...errors } } },
    async (req) => auth.loginWithZalo(app.deps, req.body.accessToken, req.body.idByOA),
  );
  app.post(
    "/auth/dev",
    { onRequest: app.limit("login"), schema: { tags: ["auth"], summary: "Development login (disabled in production)", body: DevLoginBody, response: { 200: SessionResponse, ...errors } } },
    async (req) => auth.devLogin(app.deps, req.body.name, req.body.zaloId),
  );
  app.post("/auth/logout", { schema: { tags: ["auth"], ...secured, response: { 200: Ok } } }, async (req) => {
    const token = bearerToken(req);
    if (token) await deleteSession(app.deps.db, token);
    return { ok: true as const };
  });
  app.get("/me", { schema: { tags: ["auth"], ...secured, response: { 200: Me, ...errors } } }, async (req) =>
    loadMe(app.deps.db, app.deps.config.phoneKeys, requireAuth(req).memberId),
  );
  app.post("/me/phone", { schema: { tags: ["auth"], ...secured, body: PhoneBody, response: { 200: Me, ...errors } } }, async (req) => {
    const a = requireAuth(req);
    await auth.savePhone(app.deps, a, req.body.accessToken, req.body.token);
    return loadMe(app.deps.db, app.deps.config.phoneKeys, a.memberId);
  });
  app.put(
    "/me/unit",
    { schema: { tags: ["auth"], summary: "Choose my xã/chi hội (pending until a cán bộ confirms)", ...secured, body: ChooseUnitBody, response: { 200: Me, ...errors } } },
    async (req) => {
      const a = requireAuth(req);
      await auth.chooseUnit(app.deps, a, req.body.unitId);
      return loadMe(app.deps.db, app.deps.config.phoneKeys, a.memberId);
    },
  );
  app.put(
    "/me/language",
    { schema: { tags: ["auth"], summary: "Choose the language I read the app and my notifications in", ...secured, body: LanguageBody, response: { 200: Me, ...errors } } },
    async (req) => {
      const a = requireAuth(req);
      await auth.chooseLanguage(app.deps, a, req.body.language);
      return loadMe(app.deps.db, app.deps.config.phoneKeys, a.memberId);
    },
  );
  app.get(
    "/units/:id/pending-members",
    { schema: { tags: ["members"], summary: "Members waiting for confirmation in this subtree", ...secured, params: IdParams, response: { 200: PendingMemberList, ...errors } } },
    async (req) => ({ items: await auth.listPendingMembers(app.deps, requireAuth(req), req.params.id) }),
  );
  app.post(
    "/members/:id/confirm",
    { schema: { tags: ["members"], summary: "Confirm a member (cán bộ of her unit)", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await auth.confirmMember(app.deps, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
}
