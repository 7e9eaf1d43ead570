import { Type, type Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { DEVELOPMENT_PHONE_KEY_ID, DEVELOPMENT_PHONE_KEYS, parsePhoneKeys, type PhoneKeyring } from "./privacy/phones.js";

/**
 * Everything the process reads from the environment, validated once at start.
 * Unset DATABASE_URL and REDIS_URL mean "embedded mode": a bundled PostgreSQL and the BullMQ PostgreSQL backend.
 */
const Env = Type.Object({
  /** Unset means production as soon as DATABASE_URL is set (the README's production steps never mention it). */
  NODE_ENV: Type.Optional(Type.Union([Type.Literal("development"), Type.Literal("production"), Type.Literal("test")])),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** Unset: 127.0.0.1 in embedded mode (the dev login must not face the network), 0.0.0.0 in production. */
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: "^postgres(ql)?://" })),
  REDIS_URL: Type.Optional(Type.String({ pattern: "^rediss?://" })),
  QUEUE_BACKEND: Type.Optional(Type.Union([Type.Literal("redis"), Type.Literal("postgres")])),
  /** Hash-tagged so every key of a queue lands in one Redis Cluster slot. */
  QUEUE_PREFIX: Type.String({ default: "{hoiso}" }),
  DATA_DIR: Type.String({ default: "./data" }),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 54329 }),
  CORS_ORIGINS: Type.String({ default: "", description: "Comma-separated origins allowed by CORS" }),
  /**
   * Which proxies in front may name the client in X-Forwarded-For: unset trusts none (a forged header must not dodge
   * the per-address limits), a number trusts that many hops, otherwise comma-separated addresses or CIDRs.
   */
  TRUST_PROXY: Type.String({ default: "" }),
  LOG_LEVEL: Type.Union(
    ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((l) => Type.Literal(l)),
    { default: "info" },
  ),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, default: 24 * 30 }),
  DEV_LOGIN: Type.Optional(Type.Boolean({ description: "Allow POST /api/auth/dev; never in production" })),
  ZALO_APP_ID: Type.String({ default: "" }),
  ZALO_APP_SECRET: Type.String({ default: "" }),
  ZALO_OA_ID: Type.String({ default: "" }),
  ZALO_OA_SECRET: Type.String({ default: "", description: "OA secret key for webhook signatures" }),
  ZALO_GRAPH_URL: Type.String({ default: "https://graph.zalo.me" }),
  ZALO_OPENAPI_URL: Type.String({ default: "https://openapi.zalo.me" }),
  ZALO_OAUTH_URL: Type.String({ default: "https://oauth.zaloapp.com" }),
  ZALO_TEMPLATE_URL: Type.String({ default: "https://business.openapi.zalo.me" }),
  /** Start the bundled Zalo simulator and point the Zalo URLs at it (default in embedded mode). */
  ZALO_SIMULATOR: Type.Optional(Type.Boolean()),
  ZALO_SIMULATOR_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3900 }),
  ZALO_OA_RATE_PER_SEC: Type.Number({ minimum: 0.1, default: 20 }),
  /** Seed the OA token row on first use (refresh tokens rotate, so the stored row wins afterwards). */
  ZALO_OA_REFRESH_TOKEN: Type.Optional(Type.String()),
  ZALO_OA_ACCESS_TOKEN: Type.Optional(Type.String()),
  /**
   * The consultation-message window the bundled simulator enforces, like Zalo: -230 after 7 days without interaction
   * (48 h is only where Zalo starts charging). The app's own, cost-driven window is an admin setting (cs_window_hours).
   */
  ZALO_CS_WINDOW_HOURS: Type.Number({ minimum: 1, maximum: 24 * 7, default: 24 * 7 }),
  ZALO_HTTP_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 8000 }),
  MINI_APP_DIR: Type.String({ default: "mini-app/www" }),
  MEDIA_DIR: Type.Optional(Type.String()),
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, default: 8 }),
  /** Connections of the process's own pool (docs/DEPLOYMENT.md: PostgreSQL). */
  DB_POOL_MAX: Type.Integer({ minimum: 2, maximum: 500, default: 20 }),
  /** On BullMQ's PostgreSQL backend: connections of each queue's and each worker's own pool. */
  QUEUE_PG_POOL_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10000 }),
  /** Bearer token Prometheus sends to /metrics; unset, the route does not exist. */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** A worker process has no HTTP server: with this set it serves /metrics (and the health probes) on this port. */
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /** How long readiness answers 503 before HTTP closes on a stop signal, so the load balancer stops sending first. */
  DRAIN_MS: Type.Integer({ minimum: 0, default: 0 }),
  /**
   * Keys that seal phone numbers at rest: `id:base64key` (32 bytes: `openssl rand -base64 32`), comma-separated, the
   * first seals new values, the others only open older ones (docs/DEPLOYMENT.md, "Personal data at rest"). Required
   * in production; elsewhere a fixed development key is used.
   */
  PHONE_KEYS: Type.Optional(Type.String({ minLength: 1 })),
  /** Limits against abuse: requests per window, per member (logged in) and per client IP; 0 turns one off. */
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  RATE_LIMIT_LOGIN_PER_IP: Type.Integer({ minimum: 0, default: 60 }),
  RATE_LIMIT_SUBMIT_PER_MEMBER: Type.Integer({ minimum: 0, default: 10 }),
  RATE_LIMIT_SUBMIT_PER_IP: Type.Integer({ minimum: 0, default: 300 }),
  RATE_LIMIT_UPLOAD_PER_MEMBER: Type.Integer({ minimum: 0, default: 30 }),
  RATE_LIMIT_UPLOAD_PER_IP: Type.Integer({ minimum: 0, default: 600 }),
  RATE_LIMIT_SIGN_PER_MEMBER: Type.Integer({ minimum: 0, default: 30 }),
  RATE_LIMIT_SIGN_PER_IP: Type.Integer({ minimum: 0, default: 600 }),
  RATE_LIMIT_ANSWER_PER_MEMBER: Type.Integer({ minimum: 0, default: 30 }),
  // high: women on one mobile carrier share addresses (CGNAT), and a province-wide poll comes in all at once
  RATE_LIMIT_ANSWER_PER_IP: Type.Integer({ minimum: 0, default: 3000 }),
  RATE_LIMIT_WEBHOOK_PER_IP: Type.Integer({ minimum: 0, default: 1200 }),
  RATE_LIMIT_ATTEMPT_PER_MEMBER: Type.Integer({ minimum: 0, default: 10 }),
  RATE_LIMIT_ATTEMPT_PER_IP: Type.Integer({ minimum: 0, default: 600 }),
  /** Bytes of photos and voice notes one member may have stored. */
  MEDIA_QUOTA_MB: Type.Number({ exclusiveMinimum: 0, default: 500 }),
  /** Photos with more pixels than this would take a phone's memory to show. */
  MEDIA_MAX_MEGAPIXELS: Type.Number({ exclusiveMinimum: 0, default: 50 }),
  /** An upload not attached to anything after this long was abandoned and is deleted. */
  MEDIA_ORPHAN_MINUTES: Type.Number({ exclusiveMinimum: 0, default: 60 }),
});
type Env = Static<typeof Env>;

export type Role = "api" | "worker" | "all";

export interface Config {
  /** NODE_ENV, or what its absence means: development in embedded mode, production with a DATABASE_URL. */
  env: NonNullable<Env["NODE_ENV"]>;
  mode: "embedded" | "production";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  queueBackend: "redis" | "postgres";
  queuePrefix: string;
  dataDir: string;
  embeddedPgPort: number;
  corsOrigins: string[];
  /** Fastify's trustProxy: false, a hop count, or the addresses of the proxies in front. */
  trustProxy: boolean | number | string[];
  logLevel: string;
  sessionTtlHours: number;
  devLogin: boolean;
  zalo: {
    appId: string;
    appSecret: string;
    oaId: string;
    oaSecret: string;
    graphUrl: string;
    openApiUrl: string;
    oauthUrl: string;
    templateUrl: string;
    simulator: boolean;
    simulatorPort: number;
    oaRatePerSec: number;
    httpTimeoutMs: number;
    oaRefreshToken: string | undefined;
    oaAccessToken: string | undefined;
    csWindowHours: number;
  };
  miniAppDir: string;
  mediaDir: string;
  workerConcurrency: number;
  dbPoolMax: number;
  queuePgPoolMax: number;
  shutdownTimeoutMs: number;
  ops: { metricsToken: string | undefined; metricsPort: number | undefined; drainMs: number };
  limits: Limits;
  phoneKeys: PhoneKeyring;
}

/** Requests per window; a member limit counts logged-in members, an IP limit client addresses. 0 = off. */
export interface RateLimit {
  perMember: number;
  perIp: number;
}

export interface Limits {
  windowSeconds: number;
  login: RateLimit;
  submit: RateLimit;
  upload: RateLimit;
  sign: RateLimit;
  answer: RateLimit;
  webhook: RateLimit;
  attempt: RateLimit;
  mediaQuotaBytes: number;
  maxImagePixels: number;
  orphanUploadMinutes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Turns raw env strings into the shapes the schema expects ("3000" → 3000, "true" → true). */
function coerce(raw: NodeJS.ProcessEnv, properties: Record<string, unknown> = Env.properties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const v = raw[key];
    if (v === undefined || v === "") continue;
    const type = (schema as { type?: string }).type;
    if (type === "integer" || type === "number") out[key] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    else if (type === "boolean") out[key] = v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v;
    else out[key] = v;
  }
  return out;
}

function parseTrustProxy(v: string): boolean | number | string[] {
  const t = v.trim();
  if (t === "") return false;
  if (/^\d+$/.test(t)) return Number(t);
  return t.split(",").map((s) => s.trim()).filter(Boolean);
}

export function loadConfig(raw: NodeJS.ProcessEnv = process.env): Config {
  const input = Value.Default(Env, coerce(raw)) as Record<string, unknown>;
  const problems = [...Value.Errors(Env, input)].map((e) => `${e.path.slice(1) || "(root)"}: ${e.message} (got ${JSON.stringify(e.value)})`);
  if (problems.length > 0) throw new ConfigError(problems);
  const env = input as Env;

  const embedded = !env.DATABASE_URL;
  /**
   * Production is a real database without an explicit NODE_ENV, or NODE_ENV=production. A developer (or the test
   * suite, NODE_ENV=test) who points the server at her own PostgreSQL says so with NODE_ENV=development/test.
   */
  const nodeEnv = env.NODE_ENV ?? (embedded ? "development" : "production");
  const production = nodeEnv === "production";
  const queueBackend = env.QUEUE_BACKEND ?? (env.REDIS_URL ? "redis" : "postgres");
  if (queueBackend === "redis" && !env.REDIS_URL) problems.push("QUEUE_BACKEND=redis needs REDIS_URL");
  // The development login hands out any account, the demo admin included: on by default only on a machine that runs
  // its own embedded database; anywhere else it must be asked for, and never where production is possible.
  if (production && env.DEV_LOGIN) {
    problems.push(
      embedded || env.NODE_ENV
        ? "DEV_LOGIN=true is refused with NODE_ENV=production"
        : "DEV_LOGIN=true is refused with a DATABASE_URL unless NODE_ENV=development or test (without NODE_ENV a real database means production)",
    );
  }
  // The simulator signs webhooks with a public default secret: anyone could forge events against a production server.
  if (production && env.ZALO_SIMULATOR) {
    problems.push(
      embedded || env.NODE_ENV
        ? "ZALO_SIMULATOR=true is refused with NODE_ENV=production"
        : "ZALO_SIMULATOR=true is refused with a DATABASE_URL unless NODE_ENV=development or test (without NODE_ENV a real database means production)",
    );
  }
  const simulator = env.ZALO_SIMULATOR ?? (embedded && !production);
  if (production && (!env.ZALO_APP_ID || !env.ZALO_APP_SECRET)) {
    problems.push("ZALO_APP_ID and ZALO_APP_SECRET are required in production");
  }
  if (env.ZALO_OA_ACCESS_TOKEN && !env.ZALO_OA_REFRESH_TOKEN) problems.push("ZALO_OA_ACCESS_TOKEN needs ZALO_OA_REFRESH_TOKEN (an access token alone expires within a day)");
  if (production && !env.PHONE_KEYS) problems.push("PHONE_KEYS is required in production (phone numbers are encrypted at rest; docs/DEPLOYMENT.md)");
  const phoneKeys = parsePhoneKeys(env.PHONE_KEYS ?? DEVELOPMENT_PHONE_KEYS);
  if ("problems" in phoneKeys) problems.push(...phoneKeys.problems);
  else if (production && phoneKeys.ring.keys.some((k) => k.id === DEVELOPMENT_PHONE_KEY_ID)) {
    problems.push(`PHONE_KEYS: the development key "${DEVELOPMENT_PHONE_KEY_ID}" is refused in production`);
  }
  if (problems.length > 0 || "problems" in phoneKeys) throw new ConfigError(problems);

  return {
    env: nodeEnv,
    mode: embedded ? "embedded" : "production",
    port: env.PORT,
    host: env.HOST ?? (embedded ? "127.0.0.1" : "0.0.0.0"),
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queueBackend,
    queuePrefix: env.QUEUE_PREFIX,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    corsOrigins: env.CORS_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    devLogin: env.DEV_LOGIN ?? (embedded && !production),
    zalo: {
      // The simulator accepts any app id/secret pair it was started with; these are its defaults.
      appId: env.ZALO_APP_ID || (simulator ? "sim-app" : ""),
      appSecret: env.ZALO_APP_SECRET || (simulator ? "sim-app-secret" : ""),
      oaId: env.ZALO_OA_ID || (simulator ? "sim-oa" : ""),
      oaSecret: env.ZALO_OA_SECRET || (simulator ? "sim-oa-secret" : ""),
      graphUrl: env.ZALO_GRAPH_URL,
      openApiUrl: env.ZALO_OPENAPI_URL,
      oauthUrl: env.ZALO_OAUTH_URL,
      templateUrl: env.ZALO_TEMPLATE_URL,
      simulator,
      simulatorPort: env.ZALO_SIMULATOR_PORT,
      oaRatePerSec: env.ZALO_OA_RATE_PER_SEC,
      httpTimeoutMs: env.ZALO_HTTP_TIMEOUT_MS,
      oaRefreshToken: env.ZALO_OA_REFRESH_TOKEN,
      oaAccessToken: env.ZALO_OA_ACCESS_TOKEN,
      csWindowHours: env.ZALO_CS_WINDOW_HOURS,
    },
    miniAppDir: env.MINI_APP_DIR,
    mediaDir: env.MEDIA_DIR ?? `${env.DATA_DIR}/media`,
    workerConcurrency: env.WORKER_CONCURRENCY,
    dbPoolMax: env.DB_POOL_MAX,
    queuePgPoolMax: env.QUEUE_PG_POOL_MAX,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    ops: { metricsToken: env.METRICS_TOKEN, metricsPort: env.METRICS_PORT, drainMs: env.DRAIN_MS },
    limits: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      // Before login nobody is known yet; Zalo's webhook is one sender: both are counted per IP only.
      login: { perMember: 0, perIp: env.RATE_LIMIT_LOGIN_PER_IP },
      submit: { perMember: env.RATE_LIMIT_SUBMIT_PER_MEMBER, perIp: env.RATE_LIMIT_SUBMIT_PER_IP },
      upload: { perMember: env.RATE_LIMIT_UPLOAD_PER_MEMBER, perIp: env.RATE_LIMIT_UPLOAD_PER_IP },
      sign: { perMember: env.RATE_LIMIT_SIGN_PER_MEMBER, perIp: env.RATE_LIMIT_SIGN_PER_IP },
      answer: { perMember: env.RATE_LIMIT_ANSWER_PER_MEMBER, perIp: env.RATE_LIMIT_ANSWER_PER_IP },
      webhook: { perMember: 0, perIp: env.RATE_LIMIT_WEBHOOK_PER_IP },
      attempt: { perMember: env.RATE_LIMIT_ATTEMPT_PER_MEMBER, perIp: env.RATE_LIMIT_ATTEMPT_PER_IP },
      mediaQuotaBytes: Math.round(env.MEDIA_QUOTA_MB * 1024 * 1024),
      maxImagePixels: Math.round(env.MEDIA_MAX_MEGAPIXELS * 1_000_000),
      orphanUploadMinutes: env.MEDIA_ORPHAN_MINUTES,
    },
    phoneKeys: phoneKeys.ring,
  };
}

const StorageEnv = Type.Pick(Env, ["DATABASE_URL", "DATA_DIR", "EMBEDDED_PG_PORT"]);
export type StorageConfig = Static<typeof StorageEnv>;

/** Only where the database lives, for tools (the seed) that must not need the server's Zalo credentials. */
export function loadStorageConfig(raw: NodeJS.ProcessEnv = process.env): StorageConfig {
  const input = Value.Default(StorageEnv, coerce(raw, StorageEnv.properties));
  const problems = [...Value.Errors(StorageEnv, input)].map((e) => `${e.path.slice(1) || "(root)"}: ${e.message} (got ${JSON.stringify(e.value)})`);
  if (problems.length > 0) throw new ConfigError(problems);
  return input as StorageConfig;
}

/** When the simulator runs in-process, every Zalo base URL points at it. */
export function withSimulatorUrls(config: Config, baseUrl: string): Config {
  return {
    ...config,
    zalo: { ...config.zalo, graphUrl: baseUrl, openApiUrl: baseUrl, oauthUrl: baseUrl, templateUrl: baseUrl },
  };
}

/** True when the development login is reachable from other machines (HOST set to something other than loopback). */
export function devLoginExposed(config: Config): boolean {
  return config.devLogin && !(config.host.startsWith("127.") || config.host === "::1" || config.host === "localhost");
}
