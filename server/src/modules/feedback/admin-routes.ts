import {
  Category,
  CategoryCodeParams,
  ErrorBody,
  FeedbackSettings,
  IdParams,
  Ok,
  RoutingRuleBody,
  RoutingRuleList,
  RoutingRuleView,
  UpsertCategoryBody,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import * as admin from "./admin.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["admin"];

/** Routing is data: categories, routing rules and the pipeline's settings, edited by admins (every change audited). */
export async function feedbackAdminRoutes(app: App): Promise<void> {
  app.put(
    "/admin/categories/:code",
    { schema: { tags, summary: "Create or edit a category (province admin)", ...secured, params: CategoryCodeParams, body: UpsertCategoryBody, response: { 200: Category, ...errors } } },
    async (req) => admin.upsertCategory(app.deps, requireAuth(req), req.params.code, req.body),
  );
  app.get(
    "/admin/routing-rules",
    { schema: { tags, summary: "Routing rules (category [+ origin subtree] → level, SLA, escalation chain)", ...secured, response: { 200: RoutingRuleList, ...errors } } },
    async (req) => ({ items: await admin.listRules(app.deps, requireAuth(req)) }),
  );
  app.post(
    "/admin/routing-rules",
    { schema: { tags, summary: "Add a routing rule", ...secured, body: RoutingRuleBody, response: { 200: RoutingRuleView, ...errors } } },
    async (req) => admin.createRule(app.deps, requireAuth(req), req.body),
  );
  app.put(
    "/admin/routing-rules/:id",
    { schema: { tags, summary: "Edit a routing rule", ...secured, params: IdParams, body: RoutingRuleBody, response: { 200: RoutingRuleView, ...errors } } },
    async (req) => admin.updateRule(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    "/admin/routing-rules/:id",
    { schema: { tags, summary: "Remove a routing rule (the category's defaults apply again)", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await admin.deleteRule(app.deps, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    "/admin/feedback-settings",
    { schema: { tags, summary: "Petition thresholds, follow-up delay, CS window, template ids, send rate", ...secured, response: { 200: FeedbackSettings, ...errors } } },
    async (req) => admin.getSettings(app.deps, requireAuth(req)),
  );
  app.put(
    "/admin/feedback-settings",
    { schema: { tags, summary: "Change the feedback settings (province admin)", ...secured, body: FeedbackSettings, response: { 200: FeedbackSettings, ...errors } } },
    async (req) => admin.putSettings(app.deps, requireAuth(req), req.body),
  );
}
