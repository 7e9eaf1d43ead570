import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { AdminPoll, AdminPollList, MemberPoll, MemberPollList, Ok, PollAnswerBody, PollResults, PollWriteBody } from "@hoiso/shared";
import { request, seg } from "./http.js";
import { STALE } from "./queryClient.js";

/** Khảo sát: her polls and her one answer; the cán bộ's polls, live results (refetched every second) and export. */
export const pollKeys = {
  all: ["polls"] as const,
  list: ["polls", "list"] as const,
  detail: (id: string) => ["polls", "detail", id] as const,
  admin: ["polls", "admin"] as const,
  adminList: ["polls", "admin", "list"] as const,
  results: (id: string) => ["polls", "admin", "results", id] as const,
};

/** How often the cán bộ's results view asks again while it is open. */
export const RESULTS_REFRESH_MS = 1000;

export const pollQueries = {
  list: () => queryOptions({ queryKey: pollKeys.list, queryFn: ({ signal }) => request<MemberPollList>("GET", "/polls", { signal }), staleTime: STALE.changing }),
  detail: (id: string) => queryOptions({ queryKey: pollKeys.detail(id), queryFn: ({ signal }) => request<MemberPoll>("GET", `/polls/${seg(id)}`, { signal }), staleTime: STALE.changing }),
};

export const pollAdminQueries = {
  list: () => queryOptions({ queryKey: pollKeys.adminList, queryFn: ({ signal }) => request<AdminPollList>("GET", "/admin/polls", { signal }), staleTime: STALE.changing }),
  results: (id: string) =>
    queryOptions({
      queryKey: pollKeys.results(id),
      queryFn: ({ signal }) => request<PollResults>("GET", `/admin/polls/${seg(id)}/results`, { signal }),
      staleTime: STALE.changing,
      refetchInterval: RESULTS_REFRESH_MS,
    }),
};

export const pollMutations = {
  answer: (id: string) =>
    mutationOptions({
      mutationFn: (body: PollAnswerBody) => request<Ok>("POST", `/polls/${seg(id)}/answers`, { body }),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: pollKeys.all, predicate: (q) => q.queryKey[1] !== "admin" }),
    }),
};

export const pollAdminMutations = {
  create: () =>
    mutationOptions({
      mutationFn: (body: PollWriteBody) => request<AdminPoll>("POST", "/admin/polls", { body }),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: pollKeys.all }),
    }),
  close: (id: string) =>
    mutationOptions({
      mutationFn: () => request<Ok>("POST", `/admin/polls/${seg(id)}/close`),
      onSuccess: (_r, _v, _x, { client }) => client.invalidateQueries({ queryKey: pollKeys.all }),
    }),
};

/** The results workbook, downloaded as a file. */
export async function downloadPollExport(id: string, fileName: string): Promise<void> {
  const blob = await request<Blob>("GET", `/admin/polls/${seg(id)}/export`, { blob: true, timeoutMs: 120_000 });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
