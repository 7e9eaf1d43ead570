import crypto from "node:crypto";
import cookie from "@fastify/cookie";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { ErrorCode } from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { audit } from "../db/audit.js";
import { AppError } from "../http/errors.js";
import { requireAuth } from "../http/auth-plugin.js";
import type { App } from "../http/types-app.js";
import { assertProvinceAdmin, isProvinceAdmin } from "../policy/policy.js";

export const BOARD_PATH = "/admin/queues";
const COOKIE = "hoiso_board";
const TICKET_MS = 2 * 60_000;
const SESSION_MS = 30 * 60_000;

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const denied = () => new AppError(403, ErrorCode.FORBIDDEN, "Bảng hàng đợi chỉ dành cho quản trị viên Hội LHPN tỉnh. Chị hãy mở lại từ mục Quản trị.");

/**
 * BullMQ's board (bull-board) for the province's admins, mounted in the API process. A browser sends no bearer token:
 * she asks for a one-time ticket in the app (audited), opening it exchanges it for an HttpOnly cookie valid for half an
 * hour on this path only, and every board request checks that cookie and that she is still a province admin.
 */
export async function queueBoard(app: App): Promise<void> {
  const deps = app.deps;

  app.post(
    "/api/admin/ops/queue-board",
    { schema: { tags: ["ops"], summary: "A one-time link to the queue board (province admins)", response: { 200: Type.Object({ url: Type.String() }) } } },
    async (req) => {
      const auth = requireAuth(req);
      await assertProvinceAdmin(deps.db, auth);
      const ticket = crypto.randomBytes(32).toString("base64url");
      await deps.db.transaction().execute(async (tx) => {
        await tx.insertInto("ops_board_passes").values({ token_hash: hash(ticket), member_id: auth.memberId, kind: "ticket", expires_at: new Date(Date.now() + TICKET_MS) }).execute();
        await audit(tx, { actorId: auth.memberId, action: "ops.queue_board.ticket", entityType: "ops", entityId: "queue-board", detail: {} });
      });
      return { url: `${BOARD_PATH}/enter?ticket=${ticket}` };
    },
  );

  await app.register(async (scope) => {
    await scope.register(cookie);
    const secure = deps.config.env === "production";

    scope.get(`${BOARD_PATH}/enter`, { schema: { hide: true, querystring: Type.Object({ ticket: Type.String({ maxLength: 100 }) }) } }, async (req, reply) => {
      const { ticket } = req.query as { ticket: string };
      const used = await sql<{ member_id: string }>`
        UPDATE ops_board_passes SET used_at = now()
         WHERE token_hash = ${hash(ticket)} AND kind = 'ticket' AND used_at IS NULL AND expires_at > now()
        RETURNING member_id`.execute(deps.db);
      const memberId = used.rows[0]?.member_id;
      if (!memberId) throw new AppError(403, ErrorCode.FORBIDDEN, "Đường dẫn đã hết hạn hoặc đã dùng. Chị hãy mở lại từ mục Quản trị.");
      const session = crypto.randomBytes(32).toString("base64url");
      await deps.db.insertInto("ops_board_passes").values({ token_hash: hash(session), member_id: memberId, kind: "session", expires_at: new Date(Date.now() + SESSION_MS) }).execute();
      return reply
        .setCookie(COOKIE, session, { path: BOARD_PATH, httpOnly: true, sameSite: "strict", secure, maxAge: SESSION_MS / 1000 })
        .redirect(`${BOARD_PATH}/`);
    });

    await scope.register(async (board) => {
      board.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
        if (req.url.startsWith(`${BOARD_PATH}/enter`)) return;
        // answered here, not thrown: bull-board's routes have their own error handler, which turns any throw into a 500
        const refuse = () => {
          const e = denied();
          return reply.status(e.status).header("cache-control", "no-store").send({ code: e.code, message: e.message, requestId: String(req.id) });
        };
        const token = req.cookies[COOKIE];
        if (!token) return refuse();
        const r = await sql<{ member_id: string }>`
          SELECT member_id FROM ops_board_passes WHERE token_hash = ${hash(token)} AND kind = 'session' AND expires_at > now()`.execute(deps.db);
        const memberId = r.rows[0]?.member_id;
        // her role is read again on every request: a revoked admin loses the board at once
        const roles = memberId
          ? await deps.db.selectFrom("roles as r").innerJoin("units as u", "u.id", "r.unit_id").select(["r.unit_id as unitId", "u.path as unitPath", "r.role"]).where("r.member_id", "=", memberId).execute()
          : [];
        if (!memberId || !(await isProvinceAdmin(deps.db, { memberId, roles }))) return refuse();
        // the board's page has inline styles; nothing else about the app's policy changes
        reply.header("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        reply.header("cache-control", "no-store");
      });
      const adapter = new FastifyAdapter();
      adapter.setBasePath(BOARD_PATH);
      const bull = createBullBoard({ queues: [], serverAdapter: adapter, options: { uiConfig: { boardTitle: "Hội Số — hàng đợi" } } });
      // the queues are opened when an admin first looks, not when the API starts: a process nobody inspects opens none
      let attached = false;
      board.addHook("preHandler", async () => {
        if (attached) return;
        attached = true;
        bull.replaceQueues(queueNames(deps.modules).map((name) => new BullMQAdapter(deps.queues.queue<unknown>(name))));
      });
      await board.register(adapter.registerPlugin(), { prefix: BOARD_PATH });
    });
  });
}

function queueNames(modules: App["deps"]["modules"]): string[] {
  return [...new Set(modules.flatMap((m) => (m.jobs ?? []).map((j) => j.queue.name)))].sort();
}
