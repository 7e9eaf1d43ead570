import rateLimit from "@fastify/rate-limit";
import { ErrorCode } from "@hoiso/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Redis } from "ioredis";
import type { Config, Limits } from "../config.js";
import { AppError } from "./errors.js";

export type LimitName = "login" | "submit" | "upload" | "sign" | "answer" | "webhook" | "attempt";
type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module "fastify" {
  interface FastifyInstance {
    /** An onRequest hook counting this kind of request per member and per client IP (config `limits`). */
    limit(name: LimitName): Guard;
  }
}

const WHAT: Record<LimitName, string> = {
  login: "đăng nhập",
  submit: "gửi phản ánh",
  upload: "gửi ảnh, ghi âm",
  sign: "ký tên kiến nghị",
  answer: "gửi ý kiến",
  webhook: "gửi sự kiện",
  attempt: "bắt đầu bài thi",
};

function waitText(seconds: number): string {
  return seconds >= 90 ? `khoảng ${Math.ceil(seconds / 60)} phút` : `${Math.max(1, seconds)} giây`;
}

const tooMany = (name: LimitName, seconds: number) =>
  new AppError(
    429,
    ErrorCode.RATE_LIMITED,
    `Chị ${WHAT[name]} nhiều lần quá trong thời gian ngắn. Chị vui lòng chờ ${waitText(seconds)} rồi thử lại nhé.`,
  );

/**
 * Limits against abuse with @fastify/rate-limit. Counters live in Redis when the process has one (shared by every
 * API process behind the load balancer), otherwise in memory (embedded mode is a single process). A Redis outage
 * lets requests through rather than refusing every woman: intake must keep working when the queue's Redis is down.
 * Each route opts in with `onRequest: app.limit(name)`; the auth hook has run by then, so members are known.
 */
export async function registerRateLimits(app: FastifyInstance, config: Config): Promise<void> {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: "hoiso-rate-limit" })
    : null;
  if (redis) {
    redis.on("error", () => undefined); // reconnects by itself; meanwhile counting is skipped
    app.addHook("onClose", async () => {
      redis.disconnect();
    });
  }
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `${config.queuePrefix}:rate:` } : {}),
  });

  const limits: Limits = config.limits;
  const timeWindow = limits.windowSeconds * 1000;
  const counter = (name: LimitName, by: "member" | "ip", max: number) => {
    const count = app.createRateLimit({
      max,
      timeWindow,
      keyGenerator: (req) => `${name}:${by}:${by === "ip" ? req.ip : (req.auth?.memberId ?? "")}`,
    });
    return { by, count };
  };

  const guards = new Map<LimitName, Guard>();
  app.decorate("limit", (name: LimitName): Guard => {
    const existing = guards.get(name);
    if (existing) return existing;
    const { perMember, perIp } = limits[name];
    const counters = [...(perMember > 0 ? [counter(name, "member", perMember)] : []), ...(perIp > 0 ? [counter(name, "ip", perIp)] : [])];
    const guard: Guard = async (req, reply) => {
      for (const { by, count } of counters) {
        // Anonymous callers of a member-counted route are refused by the route itself.
        if (by === "member" && !req.auth) continue;
        const r = await count(req);
        if (r.isAllowed || !r.isExceeded) continue;
        reply.header("retry-after", String(r.ttlInSeconds));
        throw tooMany(name, r.ttlInSeconds);
      }
    };
    guards.set(name, guard);
    return guard;
  });
}
