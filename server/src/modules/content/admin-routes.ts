import {
  AdminArticle,
  AdminArticleList,
  AdminGuide,
  AdminGuideList,
  AdminListQuery,
  ArticleDetail,
  ArticleReach,
  ArticleWriteBody,
  ErrorBody,
  GuideDetail,
  GuideWriteBody,
  IdParams,
  Ok,
  PreviewQuery,
  PublishBody,
  ScheduleBody,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { adminArticle, createArticle, listAdminArticles, previewArticle, updateArticle } from "./admin-articles.js";
import { adminGuide, createGuide, listAdminGuides, previewGuide, updateGuide } from "./admin-guides.js";
import { contentCacheOf } from "./cache.js";
import { publishNow, schedule, unpublish, type ContentTable } from "./publishing.js";
import { articleReach } from "./reach.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["content-admin"];
const scope = "Her subtree only: the publishing unit must be under one of her cán bộ/admin roles, targets under the publishing unit.";

/** The cán bộ's side of Tìm hiểu: write, preview, schedule, publish, unpublish, and see the reach (every change audited). */
export async function contentAdminRoutes(app: App): Promise<void> {
  const cache = contentCacheOf(app.deps);
  // A cán bộ who publishes and then looks as a member sees her change at once in this process; other API processes
  // drop their copies when the database's notification reaches them (cache.ts).
  app.addHook("onSend", async (req) => {
    if (req.method !== "GET" && req.method !== "HEAD") cache.forgetContent();
  });
  const lifecycle = (table: ContentTable, base: string, noun: string) => {
    app.post(
      `${base}/:id/publish`,
      { schema: { tags, summary: `Publish the ${noun} now (optionally telling its readers in the app)`, ...secured, params: IdParams, body: PublishBody, response: { 200: Ok, ...errors } } },
      async (req) => {
        await publishNow(app.deps, requireAuth(req), table, req.params.id, req.body.notify === true);
        return { ok: true as const };
      },
    );
    app.post(
      `${base}/:id/schedule`,
      { schema: { tags, summary: `Schedule the ${noun} for a future time`, ...secured, params: IdParams, body: ScheduleBody, response: { 200: Ok, ...errors } } },
      async (req) => {
        await schedule(app.deps, requireAuth(req), table, req.params.id, req.body.publishAt, req.body.notify === true);
        return { ok: true as const };
      },
    );
    app.post(
      `${base}/:id/unpublish`,
      { schema: { tags, summary: `Take the ${noun} back to draft (members no longer see it)`, ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
      async (req) => {
        await unpublish(app.deps, requireAuth(req), table, req.params.id);
        return { ok: true as const };
      },
    );
  };

  app.get(
    "/admin/articles",
    { schema: { tags, summary: "Articles of my subtree, most recently changed first, with their reach", ...secured, querystring: AdminListQuery, response: { 200: AdminArticleList, ...errors } } },
    async (req) => listAdminArticles(app.deps.db, requireAuth(req), req.query),
  );
  app.post(
    "/admin/articles",
    { schema: { tags, summary: "Write an article (a draft)", description: scope, ...secured, body: ArticleWriteBody, response: { 201: AdminArticle, ...errors } } },
    async (req, reply) => reply.status(201).send(await createArticle(app.deps, requireAuth(req), req.body)),
  );
  app.get(
    "/admin/articles/:id",
    { schema: { tags, summary: "An article as written, with its answers", ...secured, params: IdParams, response: { 200: AdminArticle, ...errors } } },
    async (req) => adminArticle(app.deps.db, requireAuth(req), req.params.id),
  );
  app.put(
    "/admin/articles/:id",
    { schema: { tags, summary: "Replace an article's text, targets, media and questions (status unchanged)", description: scope, ...secured, params: IdParams, body: ArticleWriteBody, response: { 200: AdminArticle, ...errors } } },
    async (req) => updateArticle(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.get(
    "/admin/articles/:id/preview",
    { schema: { tags, summary: "The article as a member would read it, whatever its status", ...secured, params: IdParams, querystring: PreviewQuery, response: { 200: ArticleDetail, ...errors } } },
    async (req) => previewArticle(app.deps.db, requireAuth(req), req.params.id, req.query.lang),
  );
  app.get(
    "/admin/articles/:id/reach",
    { schema: { tags, summary: "Opened, read to the end, studied: in total and by unit", ...secured, params: IdParams, response: { 200: ArticleReach, ...errors } } },
    async (req) => articleReach(app.deps.db, requireAuth(req), req.params.id),
  );
  lifecycle("articles", "/admin/articles", "article");

  app.get(
    "/admin/guides",
    { schema: { tags, summary: "Guides of my subtree, most recently changed first", ...secured, querystring: AdminListQuery, response: { 200: AdminGuideList, ...errors } } },
    async (req) => listAdminGuides(app.deps.db, requireAuth(req), req.query),
  );
  app.post(
    "/admin/guides",
    { schema: { tags, summary: "Write a public-service guide (a draft)", description: scope, ...secured, body: GuideWriteBody, response: { 201: AdminGuide, ...errors } } },
    async (req, reply) => reply.status(201).send(await createGuide(app.deps, requireAuth(req), req.body)),
  );
  app.get(
    "/admin/guides/:id",
    { schema: { tags, summary: "A guide as written", ...secured, params: IdParams, response: { 200: AdminGuide, ...errors } } },
    async (req) => adminGuide(app.deps.db, requireAuth(req), req.params.id),
  );
  app.put(
    "/admin/guides/:id",
    { schema: { tags, summary: "Replace a guide (status unchanged)", description: scope, ...secured, params: IdParams, body: GuideWriteBody, response: { 200: AdminGuide, ...errors } } },
    async (req) => updateGuide(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.get(
    "/admin/guides/:id/preview",
    { schema: { tags, summary: "The guide as a member would read it, whatever its status", ...secured, params: IdParams, response: { 200: GuideDetail, ...errors } } },
    async (req) => previewGuide(app.deps.db, requireAuth(req), req.params.id),
  );
  lifecycle("guides", "/admin/guides", "guide");
}
