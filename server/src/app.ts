import crypto from "node:crypto";
import Fastify, { type FastifyServerOptions, type LogController } from "fastify";
import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { AppDeps } from "./deps.js";
import { registerErrorHandler } from "./http/error-handler.js";
import { registerAuth } from "./http/auth-plugin.js";
import { registerInputGuard } from "./http/input-guard.js";
import { registerRateLimits } from "./http/rate-limit.js";
import { registerSecurityHeaders, swaggerUiCsp } from "./http/security.js";
import { registerMiniApp } from "./http/static.js";
import type { App } from "./http/types-app.js";
import "./http/types.js";
import { queueBoard } from "./ops/board.js";
import { registerOps } from "./ops/routes.js";

export interface BuildOptions {
  logger?: FastifyServerOptions["logger"];
  /** How requests are logged (http/logging.ts: short lines outside production); Fastify's default otherwise. */
  logController?: LogController;
  /** Serve the built Mini App at / (off in most API tests). */
  serveMiniApp?: boolean;
}

function hopsTrusted(n: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < n;
}

/** Builds the whole HTTP app from its modules. Never listens: main.ts does, tests use app.inject. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const options: FastifyServerOptions = {
    logger: opts.logger ?? false,
    ...(opts.logController ? { logController: opts.logController } : {}),
    genReqId: (req) => (req.headers["x-request-id"] as string | undefined)?.slice(0, 64) || crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // A hop count becomes proxy-addr's own rule for numbers (Fastify's types only take the function form).
    trustProxy: typeof deps.config.trustProxy === "number" ? hopsTrusted(deps.config.trustProxy) : deps.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  };
  const app = Fastify(options).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("deps", deps);
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  await registerSecurityHeaders(app, { miniAppDir: opts.serveMiniApp ? deps.config.miniAppDir : undefined });
  await app.register(cors, {
    // Only the configured origins (the Mini App's Zalo host, the admin site); no wildcard.
    origin: deps.config.corsOrigins.length > 0 ? deps.config.corsOrigins : false,
    credentials: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Hội Số API", version: "0.1.0", description: "API của Hội Số — Hội LHPN tỉnh Lào Cai" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
  });
  // The API reference is for developers: never served in production (README, "API docs").
  if (deps.config.env !== "production") {
    await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: swaggerUiCsp(), uiConfig: { validatorUrl: null } });
  }

  registerErrorHandler(app);
  registerAuth(app);
  registerInputGuard(app);
  await registerRateLimits(app, deps.config);
  registerOps(app);
  await app.register(queueBoard);

  await app.register(
    async (api) => {
      for (const mod of deps.modules) for (const routes of mod.routes ?? []) await api.register(routes);
    },
    { prefix: "/api" },
  );

  if (opts.serveMiniApp) await registerMiniApp(app, deps.config.miniAppDir);
  return app;
}
