import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { MediaUploaded } from "@hoiso/shared";
import { request, seg, UPLOAD_TIMEOUT_MS } from "./http.js";
import { queryClient, STALE } from "./queryClient.js";

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

const urls = new WeakMap<Blob, string>();

/**
 * The blob URL an <img> or <audio> shows cached bytes through: one per blob, made when first shown, revoked when the
 * cache lets the bytes go (so it never points at freed memory while shown, and never outlives them).
 */
export function mediaObjectUrl(blob: Blob): string {
  let url = urls.get(blob);
  if (!url) {
    url = URL.createObjectURL(blob);
    urls.set(blob, url);
  }
  return url;
}

queryClient.getQueryCache().subscribe((event) => {
  const key: readonly unknown[] = event.query.queryKey;
  if (event.type !== "removed" || key[0] !== mediaKeys.all[0]) return;
  const blob: unknown = event.query.state.data;
  const url = blob instanceof Blob ? urls.get(blob) : undefined;
  if (url) URL.revokeObjectURL(url);
});

/** One upload, outside a screen too (the outbox sends photos kept offline). */
export function uploadMedia(file: Blob, name: string): Promise<MediaUploaded> {
  const form = new FormData();
  form.append("file", file, name);
  return request<MediaUploaded>("POST", "/media", { form, timeoutMs: UPLOAD_TIMEOUT_MS });
}

export const mediaMutations = {
  /** One photo or voice note; a slow 3G upload of a few MB takes a while, so wait longer than for JSON. */
  upload: () =>
    mutationOptions({
      mutationFn: ({ file, name }: { file: Blob; name: string }) => uploadMedia(file, name),
    }),
};
