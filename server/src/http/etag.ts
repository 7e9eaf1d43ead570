import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Whether an If-None-Match header names this ETag (a list, weak or strong, or "*"). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => {
    const v = t.trim();
    return v === "*" || v.replace(/^W\//, "") === bare;
  });
}

/**
 * A read a signed-in member may cache on her phone: `private, no-cache` (her copy only, asked again every time) with an
 * ETag over the answer, so an unchanged answer costs a 304 and no body on a slow line. The ETag is the hash of what she
 * would get, her own progress included, so it can never hand one member's copy to another. Returns what the route
 * should return: the body, or the already sent 304.
 */
export function cachedForMember<T>(req: FastifyRequest, reply: FastifyReply, body: T): T | FastifyReply {
  return cachedByVersion(req, reply, body, JSON.stringify(body));
}

/**
 * The same, where the caller knows a shorter string that changes whenever the answer does (a kept page's hash and her
 * read states): hashing it instead of the whole answer, and answering 304 before the body is ever written out.
 */
export function cachedByVersion<T>(req: FastifyRequest, reply: FastifyReply, body: T, version: string): T | FastifyReply {
  const etag = `W/"${crypto.createHash("sha1").update(version).digest("base64url")}"`;
  reply.header("etag", etag).header("cache-control", "private, no-cache").header("vary", "authorization");
  if (matches(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return body;
}

/**
 * A read that is the same for everyone and tied to no one (the public record): any cache may keep it (`public`), but
 * asks again every time (`no-cache`), so an item taken off the record is gone at the next look; an unchanged answer
 * costs a 304. No `vary: authorization`: the answer never depends on who asks.
 */
export function cachedPublicly<T>(req: FastifyRequest, reply: FastifyReply, body: T): T | FastifyReply {
  const etag = `W/"${crypto.createHash("sha1").update(JSON.stringify(body)).digest("base64url")}"`;
  reply.header("etag", etag).header("cache-control", "public, no-cache");
  if (matches(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return body;
}
