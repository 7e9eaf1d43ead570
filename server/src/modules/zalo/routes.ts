import { ErrorBody, Ok } from "@hoiso/shared";
import type { App } from "../../http/types-app.js";
import { receiveWebhook } from "./service.js";

/**
 * Zalo OA webhook. The signature covers the exact bytes, so this plugin (and only this plugin: Fastify
 * scopes content-type parsers to the plugin that adds them) keeps the body as a raw Buffer.
 */
export async function zaloRoutes(app: App): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    "/zalo/webhook",
    {
      onRequest: app.limit("webhook"),
      schema: {
        tags: ["zalo"],
        summary: "Zalo OA webhook (signed with X-ZEvent-Signature)",
        response: { 200: Ok, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req) => {
      await receiveWebhook(app.deps, req.body, req.headers["x-zevent-signature"] as string | undefined);
      return { ok: true as const };
    },
  );
}
