import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { MediaUploaded } from "@hoiso/shared";
import { request, seg, UPLOAD_TIMEOUT_MS } from "./http.js";
import { STALE } from "./queryClient.js";

export const mediaKeys = {
  all: ["media"] as const,
  bytes: (id: string) => ["media", id] as const,
};

export const mediaQueries = {
  /** The bytes of a photo or voice note (the bearer token cannot ride on an <img src>, hence a blob); they never change. */
  bytes: (id: string) =>
    queryOptions({
      queryKey: mediaKeys.bytes(id),
      queryFn: ({ signal }) => request<Blob>("GET", `/media/${seg(id)}`, { blob: true, timeoutMs: UPLOAD_TIMEOUT_MS, signal }),
      staleTime: STALE.forever,
    }),
};

export const mediaMutations = {
  /** One photo or voice note; a slow 3G upload of a few MB takes a while, so wait longer than for JSON. */
  upload: () =>
    mutationOptions({
      mutationFn: ({ file, name }: { file: Blob; name: string }) => {
        const form = new FormData();
        form.append("file", file, name);
        return request<MediaUploaded>("POST", "/media", { form, timeoutMs: UPLOAD_TIMEOUT_MS });
      },
    }),
};
