import type { FastifyInstance, FastifyRequest } from "fastify";
import { resolveSession } from "../modules/auth/sessions.js";
import { unauthenticated } from "./errors.js";
import type { AuthContext } from "./types.js";

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h || !h.startsWith("Bearer ")) return null;
  return h.slice(7).trim() || null;
}

/** Resolves the session on every request that carries one; routes decide whether they need it. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    // a route that checks its own bearer (Prometheus's token on /metrics) is not a member's session
    if (req.routeOptions.config?.ownBearer) return;
    const token = bearerToken(req);
    if (!token) return;
    req.auth = await resolveSession(app.deps.pool, token);
    if (!req.auth) throw unauthenticated();
  });
}

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
