import { Health } from "@hoiso/shared";
import type { App } from "../../http/types-app.js";
import { checkHealth } from "./service.js";

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    "/health",
    { schema: { tags: ["ops"], summary: "Database, queue and Zalo configuration status", response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      const h = await checkHealth(app.deps);
      return reply.status(h.ok ? 200 : 503).send(h);
    },
  );
}
