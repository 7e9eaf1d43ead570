import Fastify from "fastify";

/**
 * The yardstick for read throughput (bench:content): a bare Fastify route answering a small JSON body, no database,
 * no session, in its own process on the same machine as the server it is compared with — the most a Fastify process
 * can answer here, so ours/this says how much our reads cost on top of Fastify itself.
 */
const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`BASELINE_URL ${address}`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
