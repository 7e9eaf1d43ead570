import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Vite names every file under assets/ by its content hash: a changed file is a new URL, so a phone may keep these for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html and app-config.json name the current assets: always asked again (a cheap 304 when unchanged). */
const REVALIDATE = "no-cache";

const cacheControlFor = (file: string, root: string) =>
  path.relative(root, file).startsWith(`assets${path.sep}`) ? IMMUTABLE : REVALIDATE;

/**
 * Serves the built Mini App for browsers outside Zalo (admins on a desktop, development, browser tests).
 * Deep links, including Zalo's /zapps/<app id>/ prefix, fall back to index.html so the router takes over.
 */
export async function registerMiniApp(app: FastifyInstance, dir: string): Promise<boolean> {
  const root = path.resolve(dir);
  const index = path.join(root, "index.html");
  if (!fs.existsSync(index)) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
    cacheControl: false,
    // A block, not an expression: setHeader returns the reply, which is thenable, and the plugin expects nothing back.
    setHeaders: (res, file) => {
      res.setHeader("cache-control", cacheControlFor(file, root));
    },
  });
  const html = () => fs.createReadStream(index);
  app.get("/*", { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split("?")[0] ?? "/";
    // Unknown API paths stay JSON 404s; only page paths fall back to the app.
    if (url.startsWith("/api/") || url === "/api" || url.startsWith("/docs")) return reply.callNotFound();
    const file = path.join(root, path.normalize(url.replace(/^\/zapps\/[^/]+/, "")));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(root, file));
    }
    // A missing script or stylesheet (an old build's chunk) is a 404, not the page: HTML would fail as a module.
    if (path.relative(root, file).startsWith(`assets${path.sep}`)) return reply.callNotFound();
    return reply.type("text/html; charset=utf-8").header("cache-control", REVALIDATE).send(html());
  });
  return true;
}
