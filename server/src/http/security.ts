import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * Hashes of the inline scripts in the built index.html (the one that pins <base> under /zapps/<id>/), so the CSP
 * allows exactly them and no other inline script. Read once at start: `npm start` builds the Mini App before the
 * server starts, and a rebuilt index.html is picked up by the next start.
 */
export function inlineScriptHashes(miniAppDir: string | undefined): string[] {
  if (!miniAppDir) return [];
  const file = path.join(path.resolve(miniAppDir), "index.html");
  if (!fs.existsSync(file)) return [];
  const html = fs.readFileSync(file, "utf8");
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => `'sha256-${crypto.createHash("sha256").update(m[1] ?? "").digest("base64")}'`,
  );
}

/**
 * What the Mini App needs when our server serves it (outside Zalo: admins on a desktop, development, browser tests):
 * its own scripts, styles and fonts, photos and voice notes shown from blob: URLs (fetched with the bearer token),
 * data: images and fonts from zmp-ui's stylesheet, its icon font from Zalo, and the API on the same origin.
 */
function miniAppDirectives(scriptHashes: string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'", ...scriptHashes],
    scriptSrcAttr: ["'none'"],
    // zmp-ui positions sheets and snackbars with style attributes.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    mediaSrc: ["'self'", "blob:"],
    // zmp-ui's stylesheet loads its icon font (ZMPIcons) from Zalo's static host.
    fontSrc: ["'self'", "data:", "https://h5.zadn.vn"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'self'"],
    formAction: ["'self'"],
  };
}

/**
 * Response headers for every route: helmet (CSP, nosniff, a referrer policy that sends no path to other sites) and
 * compression (br/gzip, the built JavaScript shrinks to a third on a phone's slow link). API answers are never
 * stored by a browser or proxy: they carry a member's own data behind a bearer token.
 *
 * helmet itself rather than @fastify/helmet: that plugin builds helmet's middleware again on every request, parsing
 * the whole CSP each time (7 % of the API's CPU on intake, measured with bench:intake's profile). Built once here, it
 * sets the same headers on the raw response, as the plugin does; a route's own header still wins (Swagger UI's CSP).
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { miniAppDir?: string }): Promise<void> {
  await app.register(compress, { encodings: ["br", "gzip"] });
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: miniAppDirectives(inlineScriptHashes(opts.miniAppDir)),
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
  app.addHook("onRequest", (req, reply, done) => {
    headers(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  app.addHook("onSend", async (req, reply) => {
    if (req.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });
}

/**
 * Swagger UI's page and assets (development only): the same policy without the Mini App's script hashes. Its bundle
 * injects <style> elements, which the plugin's own default policy blocks; 'unsafe-inline' styles are allowed here as
 * for the Mini App, scripts stay 'self' only.
 */
export function swaggerUiCsp(): string {
  const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return Object.entries(miniAppDirectives([]))
    .map(([k, v]) => `${kebab(k)} ${v.join(" ")}`)
    .join("; ");
}
