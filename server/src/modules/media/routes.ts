import fs from "node:fs";
import multipart from "@fastify/multipart";
import { ErrorBody, IdParams, MEDIA_LIMITS, MediaUploaded } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import { AppError } from "../../http/errors.js";
import type { App } from "../../http/types-app.js";
import { fileRequired, tooLarge } from "./errors.js";
import { discardRestOfBody } from "./linger.js";
import { parseRange } from "./range.js";
import { openMediaFor, saveMedia } from "./service.js";
import { HARD_LIMIT, readUpload } from "./upload.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const secured = { security: [{ bearer: [] }] };
/** Boundaries, part headers and a few small fields: well under this. */
const MULTIPART_OVERHEAD = 16 * 1024;

export async function mediaRoutes(app: App): Promise<void> {
  // Registered inside this plugin so that only the media routes accept multipart bodies.
  await app.register(multipart, {
    limits: { fileSize: HARD_LIMIT + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
    throwFileSizeLimit: false,
  });

  app.post(
    "/media",
    {
      // Counted before a byte of the file is read.
      onRequest: app.limit("upload"),
      schema: {
        tags: ["media"],
        summary: `Upload a photo (JPEG/PNG/WebP ≤ ${MEDIA_LIMITS.imageMaxBytes / 2 ** 20} MB) or voice note (≤ ${MEDIA_LIMITS.audioMaxBytes / 2 ** 20} MB) as multipart field "file"`,
        description: "The type is sniffed from the bytes; the declared content type and file name are ignored. Photo metadata (Exif, GPS, XMP, comments) is removed.",
        consumes: ["multipart/form-data"],
        ...secured,
        response: { 201: MediaUploaded, ...errors },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      // We stop reading at the first sign of trouble; what the client still sends is drained, never buffered.
      const refuse = (err: AppError) => {
        discardRestOfBody(req.raw);
        return err;
      };
      const declared = Number(req.headers["content-length"]);
      if (declared > HARD_LIMIT + MULTIPART_OVERHEAD) throw refuse(tooLarge(null));
      if (!req.isMultipart()) throw refuse(fileRequired());
      const part = await req.file().catch(() => {
        throw refuse(fileRequired());
      });
      if (!part || part.fieldname !== "file") throw refuse(fileRequired());
      const media = await readUpload(part.file, { maxPixels: app.deps.config.limits.maxImagePixels }).catch((err: unknown) => {
        throw err instanceof AppError ? refuse(err) : err;
      });
      const saved = await saveMedia(app.deps, auth.memberId, media);
      return reply.status(201).send(saved);
    },
  );

  app.get(
    "/media/:id",
    {
      schema: {
        tags: ["media"],
        summary: "The file itself (owner; a caller a module admits, e.g. the cán bộ handling a submission; anyone for media a module made public); supports Range",
        ...secured,
        description:
          "Answers with the file's bytes (200/206), 304 for a matching If-None-Match, 404 for a signed-in caller not allowed to see it, 401 without a session unless the media is public.",
        params: IdParams,
      },
    },
    async (req, reply) => {
      const file = await openMediaFor(app.deps, req.auth, req.params.id);
      const etag = `"${file.sha256}"`;
      reply
        .header("content-type", file.mime)
        .header("accept-ranges", "bytes")
        .header("etag", etag)
        .header("cache-control", `${file.grant === "public" ? "public" : "private"}, max-age=86400`)
        .header("content-disposition", "inline")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox");
      if (req.headers["if-none-match"] === etag) return reply.status(304).send();
      const range = parseRange(req.headers.range, file.sizeBytes);
      if (range === "unsatisfiable") {
        return reply.status(416).header("content-range", `bytes */${file.sizeBytes}`).send();
      }
      if (range) {
        return reply
          .status(206)
          .header("content-range", `bytes ${range.start}-${range.end}/${file.sizeBytes}`)
          .header("content-length", range.end - range.start + 1)
          .send(fs.createReadStream(file.path, { start: range.start, end: range.end }));
      }
      return reply.header("content-length", file.sizeBytes).send(fs.createReadStream(file.path));
    },
  );
}
