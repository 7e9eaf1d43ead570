import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import pretty from "pino-pretty";
import type { Config } from "../config.js";

/**
 * One line per request, written when it completes: "GET /api/me 200 12 ms". Fastify's default is two records per
 * request ("incoming request", "request completed") carrying the whole req/res objects, which nobody reads in a
 * terminal. Failures keep their error (with its stack) for whoever is debugging.
 */
class ShortRequestLog extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = `${request.method} ${pathOnly(request.url)} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else if (reply.statusCode >= 500) reply.log.error(line);
    else reply.log.info(line);
  }
}

/**
 * A URL as logs may hold it: the path without the query string. Queries carry what must never reach a log: the queue
 * board's one-time ticket, a phone number a cán bộ searched for, a token a client put where it does not belong.
 */
export function pathOnly(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}

/**
 * What a request record holds (Fastify's default serializer, minus the query string). Headers are never logged:
 * Authorization, cookies and Zalo's signature live there.
 */
const serializers = {
  req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
    method: req.method,
    url: pathOnly(req.url ?? ""),
    host: req.host,
    remoteAddress: req.ip,
  }),
};

/**
 * Belt and braces for whatever a module logs itself: these keys are replaced wherever they appear in a record's
 * objects (pino's redaction, a fixed list of paths so it stays fast).
 */
const redact = {
  paths: [
    "req.headers",
    "*.authorization",
    "*.cookie",
    "*.access_token",
    "*.accessToken",
    "*.refresh_token",
    "*.refreshToken",
    "*.token",
    "*.ticket",
    "*.phone",
    "*.womanPhone",
    "*.callbackPhone",
    "*.body",
    "*.text",
  ],
  censor: "[hidden]",
};

export interface Logging {
  logger: FastifyServerOptions["logger"];
  logController?: LogController;
}

/**
 * Production writes pino's JSON lines (Fastify's defaults) for the log collector. Anywhere else (embedded mode, a
 * developer's machine) a person reads the terminal: short request lines, time and level, no pid/hostname/request id.
 * pino-pretty runs as a synchronous stream rather than a worker-thread transport, so nothing is lost when the process
 * exits right after a line.
 */
export function loggingFor(config: Config): Logging {
  if (config.env === "production") return { logger: { level: config.logLevel, serializers, redact } };
  const stream = pretty({
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,reqId",
    singleLine: true,
  });
  return { logger: { level: config.logLevel, stream, serializers, redact }, logController: new ShortRequestLog() };
}
