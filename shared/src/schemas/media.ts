import { Type, type Static } from "@sinclair/typebox";
import { Uuid } from "./common.js";

/** document: a PDF (a cán bộ's answer with proof, issue 13); only cán bộ attach them, to replies and resolutions. */
export const MediaKind = Type.Union([Type.Literal("image"), Type.Literal("audio"), Type.Literal("document")]);
export type MediaKind = Static<typeof MediaKind>;

/** Types the server accepts, as sniffed from the bytes (the client's declared type is ignored). */
export const MediaMime = Type.Union([
  Type.Literal("image/jpeg"),
  Type.Literal("image/png"),
  Type.Literal("image/webp"),
  Type.Literal("application/pdf"),
  Type.Literal("audio/mp4"),
  Type.Literal("audio/3gpp"),
  Type.Literal("audio/aac"),
  Type.Literal("audio/mpeg"),
  Type.Literal("audio/ogg"),
  Type.Literal("audio/webm"),
  Type.Literal("audio/wav"),
  Type.Literal("audio/amr"),
]);
export type MediaMime = Static<typeof MediaMime>;

/** Answer to POST /api/media (multipart, one file in field `file`). */
export const MediaUploaded = Type.Object(
  {
    id: Uuid,
    kind: MediaKind,
    mime: MediaMime,
    sizeBytes: Type.Integer({ minimum: 1, description: "Size as stored (after metadata was removed from photos)" }),
  },
  { $id: "MediaUploaded" },
);
export type MediaUploaded = Static<typeof MediaUploaded>;
