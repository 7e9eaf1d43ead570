import crypto from "node:crypto";
import Fastify from "fastify";
import { openDatabase } from "../../server/src/db/pool.js";
import { createQueueFactory, type QueueBackendName } from "../../server/src/queue/connection.js";

/**
 * The yardstick for intake throughput: a bare Fastify route doing exactly one INSERT and one queue add, with the same
 * pool, queue factory and process layout as the real server — everything else our intake does is the overhead we measure.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const backend = (process.env.QUEUE_BACKEND ?? "redis") as QueueBackendName;
const database = openDatabase(databaseUrl);
const queues = createQueueFactory({ backend, redisUrl: process.env.REDIS_URL, databaseUrl, namespace: process.env.QUEUE_PREFIX ?? "{bench-baseline}" });
await database.pool.query("CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
const queue = queues.queue<{ id: string }>("bench-baseline");

const app = Fastify({ logger: false });
app.post("/intake", async (req, reply) => {
  const id = crypto.randomUUID();
  await database.pool.query("INSERT INTO bench_baseline (id, body) VALUES ($1, $2)", [id, JSON.stringify(req.body)]);
  await queue.add("route", { id }, { jobId: id, removeOnComplete: true });
  return reply.status(201).send({ id });
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`BASELINE_URL ${address}`);
const stop = async () => {
  await app.close();
  await queues.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
