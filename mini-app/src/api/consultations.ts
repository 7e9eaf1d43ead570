import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type {
  AdminCommentList,
  AdminConsultation,
  AdminConsultationList,
  CommentMarkBody,
  ConsultationDetail,
  ConsultationList,
  ConsultationWriteBody,
  OutcomeBody,
  OutcomeResult,
  PositionsBody,
} from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Góp ý dự thảo: the drafts put to her and her positions; the cán bộ's side under /admin. */
export const consultationKeys = {
  all: ["consultations"] as const,
  list: () => ["consultations", "list"] as const,
  item: (id: string) => ["consultations", "item", id] as const,
  admin: () => ["consultations", "admin"] as const,
  adminList: () => ["consultations", "admin", "list"] as const,
  adminItem: (id: string) => ["consultations", "admin", "item", id] as const,
  comments: (id: string, sectionId: string) => ["consultations", "admin", "comments", id, sectionId] as const,
};

export const consultationQueries = {
  list: () => queryOptions({ queryKey: consultationKeys.list(), queryFn: ({ signal }) => request<ConsultationList>("GET", "/consultations", { signal }), staleTime: STALE.changing }),
  item: (id: string) =>
    queryOptions({ queryKey: consultationKeys.item(id), queryFn: ({ signal }) => request<ConsultationDetail>("GET", `/consultations/${seg(id)}`, { signal }), staleTime: STALE.changing }),
  adminList: () =>
    queryOptions({ queryKey: consultationKeys.adminList(), queryFn: ({ signal }) => request<AdminConsultationList>("GET", "/admin/consultations", { signal }), staleTime: STALE.changing }),
  /** Counts move while it is open: asked again every few seconds until it is closed. */
  adminItem: (id: string) =>
    queryOptions({
      queryKey: consultationKeys.adminItem(id),
      queryFn: ({ signal }) => request<AdminConsultation>("GET", `/admin/consultations/${seg(id)}`, { signal }),
      staleTime: STALE.changing,
      refetchInterval: (q) => (q.state.data?.phase === "open" ? 5000 : false),
    }),
  comments: (id: string, sectionId: string) =>
    queryOptions({
      queryKey: consultationKeys.comments(id, sectionId),
      queryFn: ({ signal }) => request<AdminCommentList>("GET", `/admin/consultations/${seg(id)}/sections/${seg(sectionId)}/comments`, { signal }),
      staleTime: STALE.changing,
    }),
};

const changed = (client: QueryClient) => client.invalidateQueries({ queryKey: consultationKeys.all });

export const consultationMutations = {
  positions: (id: string) =>
    mutationOptions({
      mutationFn: (body: PositionsBody) => request<ConsultationDetail>("POST", `/consultations/${seg(id)}/positions`, { body }),
      onSuccess: (detail, _b, _x, { client }) => {
        client.setQueryData(consultationKeys.item(id), detail);
        return client.invalidateQueries({ queryKey: consultationKeys.list() });
      },
    }),
  create: () =>
    mutationOptions({ mutationFn: (body: ConsultationWriteBody) => request<AdminConsultation>("POST", "/admin/consultations", { body }), onSuccess: (_r, _b, _x, { client }) => changed(client) }),
  update: (id: string) =>
    mutationOptions({ mutationFn: (body: ConsultationWriteBody) => request<AdminConsultation>("PUT", `/admin/consultations/${seg(id)}`, { body }), onSuccess: (_r, _b, _x, { client }) => changed(client) }),
  /** publish / close */
  action: (id: string) =>
    mutationOptions({
      mutationFn: (kind: "publish" | "close") => request<unknown>("POST", `/admin/consultations/${seg(id)}/${kind}`),
      onSuccess: (_r, _b, _x, { client }) => changed(client),
    }),
  mark: (id: string) =>
    mutationOptions({
      mutationFn: ({ commentId, ...body }: CommentMarkBody & { commentId: string }) => request<unknown>("PUT", `/admin/consultations/${seg(id)}/comments/${seg(commentId)}`, { body }),
      onSuccess: (_r, _b, _x, { client }) => changed(client),
    }),
  synthesis: (id: string) =>
    mutationOptions({
      mutationFn: ({ sectionId, synthesis }: { sectionId: string; synthesis: string }) =>
        request<unknown>("PUT", `/admin/consultations/${seg(id)}/sections/${seg(sectionId)}/synthesis`, { body: { synthesis } }),
      onSuccess: (_r, _b, _x, { client }) => changed(client),
    }),
  outcome: (id: string) =>
    mutationOptions({ mutationFn: (body: OutcomeBody) => request<OutcomeResult>("POST", `/admin/consultations/${seg(id)}/outcome`, { body }), onSuccess: (_r, _b, _x, { client }) => changed(client) }),
};

/** The report (.docx), downloaded as a file. */
export async function downloadReport(id: string, fileName: string): Promise<void> {
  const blob = await request<Blob>("GET", `/admin/consultations/${seg(id)}/report`, { blob: true, timeoutMs: 120_000 });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
