import Fastify from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { AppDeps } from "../deps.js";
import { registerErrorHandler } from "../http/error-handler.js";
import "../http/types.js";
import { registerOps } from "./routes.js";

/**
 * A worker process has no API: with METRICS_PORT set it answers /metrics and the health probes on that port, so its
 * Zalo calls, deliveries and pool are scraped like the API's.
 */
export async function startOpsServer(deps: AppDeps, port: number, host: string): Promise<{ close(): Promise<void>; port: number }> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("deps", deps);
  registerErrorHandler(app);
  registerOps(app);
  const address = await app.listen({ port, host });
  return { close: () => app.close(), port: Number(new URL(address).port) };
}
