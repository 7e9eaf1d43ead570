import { ErrorBody, OaLinkCode, OaLinkStatus } from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { createLinkCode, isOaLinked } from "./link.js";

const errors = { 401: ErrorBody };
const secured = { security: [{ bearer: [] }] };

/** Linking her account to the OA chat, proven by a code she sends there (the webhook sees who sent it). */
export async function zaloLinkRoutes(app: App): Promise<void> {
  app.get(
    "/me/zalo-oa",
    { schema: { tags: ["auth"], summary: "Whether my notifications can reach me in the OA chat", ...secured, response: { 200: OaLinkStatus, ...errors } } },
    async (req) => ({ linked: await isOaLinked(app.deps, requireAuth(req).memberId) }),
  );
  app.post(
    "/me/zalo-oa/code",
    {
      schema: {
        tags: ["auth"],
        summary: "A code to send to the OA chat; the signed webhook carrying it links that OA user to me",
        ...secured,
        response: { 200: OaLinkCode, ...errors },
      },
    },
    async (req) => createLinkCode(app.deps, requireAuth(req).memberId),
  );
}
