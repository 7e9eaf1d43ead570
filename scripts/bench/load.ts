import fs from "node:fs";
import type pg from "pg";
import http from "node:http";

export interface RequestSpec {
  /** POST unless told: the intake bench posts, the content bench reads. */
  method?: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<number, number>;
  seconds: number;
  throughput: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Fixed rate only: each second of the run (by the time its requests were due) with its p99, in time order. */
  perSecond?: Array<{ second: number; n: number; p99: number }>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(latencies: number[], statuses: Record<number, number>, sent: number, seconds: number, okStatus: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const ok = statuses[okStatus] ?? 0;
  return {
    sent,
    ok,
    failed: sent - ok,
    statuses,
    seconds,
    throughput: ok / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? NaN,
    },
  };
}

function send(agent: http.Agent, base: URL, spec: RequestSpec): Promise<number> {
  const method = spec.method ?? "POST";
  const headers = method === "POST" ? { "content-type": "application/json", ...spec.headers } : spec.headers;
  return new Promise((resolve) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method, path: spec.path, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(method === "POST" ? spec.body : undefined);
  });
}

/**
 * Open loop at a fixed rate: requests leave on schedule whether or not earlier ones finished, and latency is measured
 * from the scheduled time, so a stall shows up in the percentiles instead of silently lowering the rate.
 */
export async function fixedRate(baseUrl: string, rate: number, seconds: number, next: (i: number) => RequestSpec, okStatus = 201): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  const statuses: Record<number, number> = {};
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
      for (; i < due; i++) {
        const scheduled = start + (i / rate) * 1000;
        const spec = next(i);
        pending.push(
          send(agent, base, spec).then((status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            const ms = performance.now() - scheduled;
            latencies.push(ms);
            (bySecond[Math.floor(i / rate)] ??= []).push(ms);
          }),
        );
      }
      if (i >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const perSecond = bySecond.map((l, second) => ({ second, n: l.length, p99: percentile(l.sort((a, b) => a - b), 99) }));
  return { ...summarise(latencies, statuses, total, elapsed, okStatus), perSecond };
}

/**
 * Where a fixed-rate run's tail came from: the median second's p99 against the worst seconds'. A p99 set by a few
 * seconds is a stall (a checkpoint, a periodic job, another tenant of the machine); one set by every second is the
 * steady cost of a request.
 */
export function formatTail(r: LoadResult): string {
  const secs = r.perSecond ?? [];
  if (secs.length === 0) return "";
  const sorted = [...secs].sort((a, b) => a.p99 - b.p99);
  const worst = sorted.slice(-3).reverse();
  return `  per second: median second's p99 ${percentile(sorted.map((s) => s.p99), 50).toFixed(1)} ms; worst seconds ${worst.map((s) => `#${s.second} ${s.p99.toFixed(0)} ms`).join(", ")}`;
}

/** Closed loop: `concurrency` clients send back to back for `seconds`; measures the most the server can take. */
export async function maxThroughput(baseUrl: string, concurrency: number, seconds: number, next: (i: number) => RequestSpec, okStatus = 201): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const end = performance.now() + seconds * 1000;
  let i = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await send(agent, base, next(i++));
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, statuses, i, (performance.now() - start) / 1000, okStatus);
}

export function formatResult(label: string, r: LoadResult): string {
  const l = r.latencyMs;
  return `${label}: ${r.ok}/${r.sent} ok in ${r.seconds.toFixed(1)} s → ${r.throughput.toFixed(0)} req/s; latency p50 ${l.p50.toFixed(1)} ms, p90 ${l.p90.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms; statuses ${JSON.stringify(r.statuses)}`;
}

/** A benchmark's numeric option: `--name 500` on the command line, else the default. */
export function numberArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/** CPU time a process has used so far, in ms (utime + stime from /proc; 0 when it cannot be read). */
export function cpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving this pool's database other than the asking one (the server runs on this machine). */
export async function backendPids(db: pg.Pool): Promise<number[]> {
  const r = await db.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
  );
  return r.rows.map((x) => x.pid);
}

/** CPU ms used by processes and by a database's backends between two readings: what a measured run cost. */
export async function cpuMeter(db: pg.Pool, pids: Array<number | undefined>) {
  const read = async () => ({ procs: pids.map(cpuMs), pg: new Map((await backendPids(db)).map((p) => [p, cpuMs(p)])) });
  const before = await read();
  return async () => {
    const after = await read();
    return {
      procs: after.procs.map((v, i) => v - (before.procs[i] ?? 0)),
      pg: [...after.pg].reduce((n, [p, v]) => n + v - (before.pg.get(p) ?? 0), 0),
    };
  };
}
