import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves the built Mini App for browsers outside Zalo (admins on a desktop, development, browser tests).
 * Deep links, including Zalo's /zapps/<app id>/ prefix, fall back to index.html so the router takes over.
 */
export async function registerMiniApp(app: FastifyInstance, dir: string): Promise<boolean> {
  const root = path.resolve(dir);
  const index = path.join(root, "index.html");
  if (!fs.existsSync(index)) return false;
  await app.register(fastifyStatic, { root, prefix: "/", wildcard: false, index: ["index.html"] });
  const html = () => fs.createReadStream(index);
  app.get("/*", { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split("?")[0] ?? "/";
    // Unknown API paths stay JSON 404s; only page paths fall back to the app.
    if (url.startsWith("/api/") || url === "/api" || url.startsWith("/docs")) return reply.callNotFound();
    const file = path.join(root, path.normalize(url.replace(/^\/zapps\/[^/]+/, "")));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(root, file));
    }
    return reply.type("text/html; charset=utf-8").send(html());
  });
  return true;
}
