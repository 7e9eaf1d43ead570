import { infiniteQueryOptions, mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type {
  AdminArticle,
  AdminArticleList,
  AdminGuide,
  AdminGuideList,
  AdminListQuery,
  ArticleDetail,
  ArticleList,
  ArticleReach,
  ArticleWriteBody,
  ContentLanguage,
  GuideDetail,
  GuideList,
  GuideWriteBody,
  ProfileTags,
  ProgressBody,
  ProgressResult,
  StudiedList,
} from "@hoiso/shared";
import type { ArticleKindCode } from "@hoiso/shared/domain";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/**
 * Tìm hiểu: articles, guides, her progress and what she studied; the cán bộ's writing under /admin. The server answers
 * reads with an ETag and `private, no-cache`, so the browser revalidates its own copy (304) and a slow line carries
 * only the first answer.
 */

/** A small page: on a 2G line the first cards show after a few kilobytes. */
export const LIST_PAGE = 10;

export type ArticleFilter = { kind?: ArticleKindCode; q?: string };
export type AdminContentFilter = Pick<AdminListQuery, "status" | "kind" | "q">;

export const contentKeys = {
  all: ["content"] as const,
  articles: ["content", "articles"] as const,
  articleList: (f: ArticleFilter) => ["content", "articles", { kind: f.kind ?? null, q: f.q ?? "" }] as const,
  /** Under this prefix the offline copy keeps what she opened (pages/learn/offline.ts). */
  article: (id: string) => ["content", "article", id] as const,
  articleIn: (id: string, lang: ContentLanguage | null) => ["content", "article", id, lang ?? "mine"] as const,
  studied: ["content", "studied"] as const,
  profileTags: ["content", "profile-tags"] as const,
  guides: ["content", "guides"] as const,
  guideList: (q: string) => ["content", "guides", { q }] as const,
  guide: (id: string) => ["content", "guide", id] as const,
  admin: ["content", "admin"] as const,
  adminArticles: (f: AdminContentFilter) => ["content", "admin", "articles", f] as const,
  adminArticle: (id: string) => ["content", "admin", "article", id] as const,
  adminReach: (id: string) => ["content", "admin", "reach", id] as const,
  adminPreview: (id: string, lang: ContentLanguage) => ["content", "admin", "preview", id, lang] as const,
  adminGuides: (q: string) => ["content", "admin", "guides", { q }] as const,
  adminGuide: (id: string) => ["content", "admin", "guide", id] as const,
};

/** Offline copies live as long as the phone keeps them (see offline.ts); in memory they must never be collected first. */
const KEEP = Number.POSITIVE_INFINITY;

export const contentQueries = {
  articles: (f: ArticleFilter) =>
    infiniteQueryOptions({
      queryKey: contentKeys.articleList(f),
      queryFn: ({ signal, pageParam }) =>
        request<ArticleList>("GET", "/articles", { query: { kind: f.kind, q: f.q, cursor: pageParam ?? undefined, limit: LIST_PAGE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: STALE.default,
    }),
  article: (id: string, lang: ContentLanguage | null) =>
    queryOptions({
      queryKey: contentKeys.articleIn(id, lang),
      queryFn: ({ signal }) => request<ArticleDetail>("GET", `/articles/${seg(id)}`, { query: { lang: lang ?? undefined }, signal }),
      staleTime: STALE.default,
      gcTime: KEEP,
    }),
  studied: () =>
    queryOptions({
      queryKey: contentKeys.studied,
      queryFn: ({ signal }) => request<StudiedList>("GET", "/me/studied", { signal }),
      staleTime: STALE.changing,
    }),
  guides: (q: string) =>
    infiniteQueryOptions({
      queryKey: contentKeys.guideList(q),
      queryFn: ({ signal, pageParam }) => request<GuideList>("GET", "/guides", { query: { q, cursor: pageParam ?? undefined, limit: LIST_PAGE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: STALE.default,
    }),
  guide: (id: string) =>
    queryOptions({
      queryKey: contentKeys.guide(id),
      queryFn: ({ signal }) => request<GuideDetail>("GET", `/guides/${seg(id)}`, { signal }),
      staleTime: STALE.default,
      gcTime: KEEP,
    }),
};

/** Her progress changed: every cached language of the article shows it; lists and her studied list when its badge changed. */
function progressChanged(client: QueryClient, id: string, r: ProgressResult): Promise<void> | undefined {
  let badgeChanged = false;
  client.setQueriesData<ArticleDetail>({ queryKey: contentKeys.article(id) }, (old) => {
    if (!old) return old;
    if (!old.progress.openedAt !== !r.progress.openedAt || !old.progress.studiedAt !== !r.progress.studiedAt) badgeChanged = true;
    return { ...old, progress: r.progress };
  });
  if (!badgeChanged) return undefined;
  return Promise.all([
    client.invalidateQueries({ queryKey: contentKeys.articles }),
    client.invalidateQueries({ queryKey: contentKeys.studied }),
  ]).then(() => undefined);
}

/** Her profile tags (Cá nhân): what she tells the Hội so that content meant for her reaches her. Hers alone. */
export const profileTagQueries = {
  mine: () =>
    queryOptions({
      queryKey: contentKeys.profileTags,
      queryFn: ({ signal }) => request<ProfileTags>("GET", "/me/profile-tags", { signal }),
      staleTime: STALE.reference,
    }),
};

export const profileTagMutations = {
  /** Replaces her tags (empty clears them): what she may read changes with them, so every list and article is read again. */
  set: () =>
    mutationOptions({
      mutationFn: (tags: string[]) => request<ProfileTags>("PUT", "/me/profile-tags", { body: { tags } }),
      onSuccess: (r, _t, _x, { client }) => {
        client.setQueryData(contentKeys.profileTags, r);
        return client.invalidateQueries({ queryKey: contentKeys.all, predicate: (q) => q.queryKey[1] !== "profile-tags" && q.queryKey[1] !== "admin" });
      },
    }),
};

export const contentMutations = {
  /** Opened, read to the end, listened, or an attempt at the check. */
  progress: (id: string) =>
    mutationOptions({
      mutationFn: (body: ProgressBody) => request<ProgressResult>("POST", `/articles/${seg(id)}/progress`, { body }),
      onSuccess: (r, _b, _x, { client }) => progressChanged(client, id, r),
    }),
};

// ---------- the cán bộ's side ----------

export const contentAdminQueries = {
  articles: (f: AdminContentFilter) =>
    infiniteQueryOptions({
      queryKey: contentKeys.adminArticles(f),
      queryFn: ({ signal, pageParam }) =>
        request<AdminArticleList>("GET", "/admin/articles", { query: { ...f, cursor: pageParam ?? undefined, limit: 20 }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: STALE.changing,
    }),
  article: (id: string) =>
    queryOptions({
      queryKey: contentKeys.adminArticle(id),
      queryFn: ({ signal }) => request<AdminArticle>("GET", `/admin/articles/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
    }),
  reach: (id: string) =>
    queryOptions({
      queryKey: contentKeys.adminReach(id),
      queryFn: ({ signal }) => request<ArticleReach>("GET", `/admin/articles/${seg(id)}/reach`, { signal }),
      staleTime: STALE.changing,
    }),
  preview: (id: string, lang: ContentLanguage) =>
    queryOptions({
      queryKey: contentKeys.adminPreview(id, lang),
      queryFn: ({ signal }) => request<ArticleDetail>("GET", `/admin/articles/${seg(id)}/preview`, { query: { lang }, signal }),
      staleTime: STALE.changing,
    }),
  guides: (q: string) =>
    infiniteQueryOptions({
      queryKey: contentKeys.adminGuides(q),
      queryFn: ({ signal, pageParam }) => request<AdminGuideList>("GET", "/admin/guides", { query: { q, cursor: pageParam ?? undefined, limit: 20 }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: STALE.changing,
    }),
  guide: (id: string) =>
    queryOptions({
      queryKey: contentKeys.adminGuide(id),
      queryFn: ({ signal }) => request<AdminGuide>("GET", `/admin/guides/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
    }),
};

export type ContentKind = "articles" | "guides";

/** A change to one item shows everywhere: the admin lists and the item, and what members read. */
const touched = (client: QueryClient) => client.invalidateQueries({ queryKey: contentKeys.all });

export const contentAdminMutations = {
  saveArticle: (id: string | null) =>
    mutationOptions({
      mutationFn: (body: ArticleWriteBody) =>
        id ? request<AdminArticle>("PUT", `/admin/articles/${seg(id)}`, { body }) : request<AdminArticle>("POST", "/admin/articles", { body }),
      onSuccess: (_r, _b, _x, { client }) => touched(client),
    }),
  saveGuide: (id: string | null) =>
    mutationOptions({
      mutationFn: (body: GuideWriteBody) =>
        id ? request<AdminGuide>("PUT", `/admin/guides/${seg(id)}`, { body }) : request<AdminGuide>("POST", "/admin/guides", { body }),
      onSuccess: (_r, _b, _x, { client }) => touched(client),
    }),
  /** Publish now, schedule for later, or take it back to a draft. */
  status: (kind: ContentKind, id: string) =>
    mutationOptions({
      mutationFn: (change: { action: "publish"; notify: boolean } | { action: "schedule"; publishAt: string; notify: boolean } | { action: "unpublish" }) => {
        const path = `/admin/${kind}/${seg(id)}/${change.action}`;
        if (change.action === "publish") return request<unknown>("POST", path, { body: { notify: change.notify } });
        if (change.action === "schedule") return request<unknown>("POST", path, { body: { publishAt: change.publishAt, notify: change.notify } });
        return request<unknown>("POST", path, { body: {} });
      },
      onSuccess: (_r, _b, _x, { client }) => touched(client),
    }),
};
