import {
  ArticleDetail,
  ArticleDetailQuery,
  ArticleList,
  ArticleListQuery,
  ErrorBody,
  GuideDetail,
  GuideList,
  GuideListQuery,
  IdParams,
  ProfileTags,
  ProgressBody,
  ProgressResult,
  StudiedList,
} from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import { requireAuth } from "../../http/auth-plugin.js";
import { cachedByVersion, cachedForMember } from "../../http/etag.js";
import type { App } from "../../http/types-app.js";
import { readerOf } from "./access.js";
import { contentCacheOf } from "./cache.js";
import { articleDetailVersioned, listArticlesVersioned, listStudied } from "./articles.js";
import { guideDetail, listGuides } from "./guides.js";
import { profileTagsOf, setProfileTags } from "./profile-tags.js";
import { recordProgress } from "./progress.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const notModified = { 304: Type.Null({ description: "Not modified: the copy named by If-None-Match is current" }) };
const secured = { security: [{ bearer: [] }] };
const tags = ["content"];
const cacheNote = "Answers with an ETag and Cache-Control: private, no-cache; If-None-Match with the same ETag gets 304.";

/** Tìm hiểu, the member's side: articles and guides published for her unit, her progress, what she studied. */
export async function contentRoutes(app: App): Promise<void> {
  const cache = contentCacheOf(app.deps);
  app.addHook("onClose", () => cache.close());
  const reader = (auth: { memberId: string }) => cache.member("reader", auth.memberId, () => readerOf(app.deps.db, auth.memberId));

  app.get(
    "/articles",
    {
      schema: {
        tags,
        summary: "Articles published for my unit, newest first (by kind; search with or without diacritics)",
        description: cacheNote,
        ...secured,
        querystring: ArticleListQuery,
        response: { 200: ArticleList, ...notModified, ...errors },
      },
    },
    async (req, reply) => {
      const { body, version } = await listArticlesVersioned(app.deps.db, await reader(requireAuth(req)), req.query, new Date(), cache);
      return cachedByVersion(req, reply, body, version);
    },
  );
  app.get(
    "/articles/:id",
    {
      schema: {
        tags,
        summary: "One article in my language (Vietnamese where not translated), its check questions and my progress",
        description: cacheNote,
        ...secured,
        params: IdParams,
        querystring: ArticleDetailQuery,
        response: { 200: ArticleDetail, ...notModified, ...errors },
      },
    },
    async (req, reply) => {
      const { body, version } = await articleDetailVersioned(app.deps.db, await reader(requireAuth(req)), req.params.id, req.query.lang, new Date(), cache);
      return cachedByVersion(req, reply, body, version);
    },
  );
  app.post(
    "/articles/:id/progress",
    {
      schema: {
        tags,
        summary: "Report opening, reading to the end, listening, or an attempt at the check; answers with my progress",
        description: "Studied (đã học) = read to the end or listened ≥ 80%, and every check question answered right (retries allowed).",
        ...secured,
        params: IdParams,
        body: ProgressBody,
        response: { 200: ProgressResult, ...errors },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      try {
        return await recordProgress(app.deps.db, await reader(auth), req.params.id, req.body);
      } finally {
        // her next list shows it at once, without waiting for the database's notification
        cache.forgetReads(auth.memberId);
      }
    },
  );
  app.get(
    "/me/studied",
    { schema: { tags, summary: "What I studied (Đã học) and my count of resolutions", description: cacheNote, ...secured, response: { 200: StudiedList, ...notModified, ...errors } } },
    async (req, reply) => cachedForMember(req, reply, await listStudied(app.deps.db, await reader(requireAuth(req)))),
  );
  app.get(
    "/me/profile-tags",
    { schema: { tags, summary: "My profile tags (ethnic group, age group, small children): seen by me alone", ...secured, response: { 200: ProfileTags, ...errors } } },
    async (req) => profileTagsOf(app.deps.db, requireAuth(req).memberId),
  );
  app.put(
    "/me/profile-tags",
    {
      schema: {
        tags,
        summary: "Set or clear my profile tags, so that content meant for women like me reaches me (optional)",
        description: "Replaces them all; an empty list clears them. Content targeted by tag shows at once.",
        ...secured,
        body: ProfileTags,
        response: { 200: ProfileTags, ...errors },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      try {
        return await setProfileTags(app.deps.db, auth.memberId, req.body);
      } finally {
        // what she reads changes with her next request, not when the database's notification arrives
        cache.forgetReader(auth.memberId);
      }
    },
  );
  app.get(
    "/guides",
    {
      schema: {
        tags,
        summary: "Public-service guides published for my unit, newest first",
        description: cacheNote,
        ...secured,
        querystring: GuideListQuery,
        response: { 200: GuideList, ...notModified, ...errors },
      },
    },
    async (req, reply) => cachedForMember(req, reply, await listGuides(app.deps.db, await reader(requireAuth(req)), req.query)),
  );
  app.get(
    "/guides/:id",
    { schema: { tags, summary: "One guide: steps, papers, where and when, fees, who to ask, portal link, FAQ, source", description: cacheNote, ...secured, params: IdParams, response: { 200: GuideDetail, ...notModified, ...errors } } },
    async (req, reply) => cachedForMember(req, reply, await guideDetail(app.deps.db, await reader(requireAuth(req)), req.params.id)),
  );
}
