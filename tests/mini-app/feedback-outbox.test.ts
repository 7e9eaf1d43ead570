import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Category, CreateSubmissionBody, SubmissionCreated } from "@hoiso/shared";

type Outbox = typeof import("../../mini-app/src/pages/feedback/outbox.js");

/**
 * The outbox (issue 13): an item written offline waits on the phone with its idempotency key and is sent once —
 * one sender at a time across tabs, a refused item (4xx) kept for her to fix, never anything sensitive stored.
 * Each `tab()` is a fresh copy of the module over the same localStorage, as two tabs of the Mini App are.
 */
describe("the feedback outbox", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    const localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    vi.stubGlobal("window", { localStorage, addEventListener: () => undefined, removeEventListener: () => undefined });
    // No Web Locks here: the storage lease is what keeps two tabs apart.
    vi.stubGlobal("navigator", { onLine: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function tab(): Promise<Outbox> {
    vi.resetModules();
    return import("../../mini-app/src/pages/feedback/outbox.js");
  }

  const cat = (priv = false): Category => ({ code: priv ? "bao_luc" : "viec_lam", name: "Việc làm", description: "", handlingLevel: "xa", slaHours: 24, private: priv, active: true, sort: 0 });
  const body = (over: Partial<CreateSubmissionBody> = {}): CreateSubmissionBody => ({
    kind: "feedback",
    category: "viec_lam",
    body: "Xưởng chè Bản Mế chưa trả lương ba tháng",
    unitId: "u1",
    anonymous: false,
    sensitive: false,
    mediaIds: ["m1"],
    ...over,
  });
  const unit = { id: "u1", name: "Chi hội thôn Nậm Chảy" };
  const all = () => [...store.values()].join("");
  const failure = (status: number) => Object.assign(new Error("refused"), { status });
  const toFailure = (err: unknown) => ({ status: (err as { status?: number }).status ?? 0, message: "Lĩnh vực này không còn nhận." });

  it("never stores a sensitive, private or anonymous item", async () => {
    const o = await tab();
    expect(o.keepForLater({ key: "k1", memberId: "w", body: body({ sensitive: true }), category: cat(), unit }, { triedNow: false })).toBe(false);
    expect(o.keepForLater({ key: "k2", memberId: "w", body: body({ anonymous: true }), category: cat(), unit }, { triedNow: false })).toBe(false);
    expect(o.keepForLater({ key: "k3", memberId: "w", body: body({ category: "bao_luc" }), category: cat(true), unit }, { triedNow: false })).toBe(false);
    expect(store.size).toBe(0);
    expect(all()).not.toMatch(/Bản Mế/);
  });

  it("keeps an ordinary item with its key, drops the location token, and shows it only to her", async () => {
    const o = await tab();
    const kept = o.keepForLater(
      { key: "k1", memberId: "w", body: body({ location: { token: "loc-token", accessToken: "acc" } }), category: cat(), unit },
      { triedNow: false },
    );
    expect(kept).toBe(true);
    expect(all()).toMatch(/Bản Mế/);
    expect(all()).not.toMatch(/loc-token/);
    expect(o.outboxEntries("w").map((e) => [e.key, e.state, e.body.mediaIds])).toEqual([["k1", "waiting", ["m1"]]]);
    expect(o.outboxEntries("someone-else")).toEqual([]);
  });

  it("sends each entry once, with its key, even when two tabs flush at the same moment", async () => {
    const a = await tab();
    a.keepForLater({ key: "k1", memberId: "w", body: body(), category: cat(), unit }, { triedNow: false });
    a.keepForLater({ key: "k2", memberId: "w", body: body({ body: "Đường sạt lở" }), category: cat(), unit }, { triedNow: false });
    const b = await tab();
    const sentKeys: string[] = [];
    const send = async (e: { key: string }): Promise<SubmissionCreated> => {
      sentKeys.push(e.key);
      await Promise.resolve();
      return { id: `id-${e.key}`, trackingCode: `PA-${e.key.toUpperCase()}AAAAA` };
    };
    const [ra, rb, ra2] = await Promise.all([a.flushOutbox("w", send, toFailure), b.flushOutbox("w", send, toFailure), a.flushOutbox("w", send, toFailure)]);
    expect(sentKeys.sort()).toEqual(["k1", "k2"]);
    expect([ra.busy, rb.busy, ra2.busy].filter((x) => !x)).toHaveLength(1);
    expect(b.outboxEntry("k1")?.sent?.trackingCode).toBe("PA-K1AAAAA");
    // Later rounds find nothing left to send.
    await b.flushOutbox("w", send, toFailure, { force: true });
    expect(sentKeys).toHaveLength(2);
  });

  it("backs off on a network error or a busy server, and keeps a refused item for her to fix instead of retrying", async () => {
    let now = 1_000_000;
    const o = await tab();
    o.keepForLater({ key: "k1", memberId: "w", body: body(), category: cat(), unit }, { triedNow: false }, now);
    let answer: number | null = 0;
    let calls = 0;
    const send = (): Promise<SubmissionCreated> => {
      calls++;
      return answer === null ? Promise.resolve({ id: "s1", trackingCode: "PA-AAAAAAA" }) : Promise.reject(failure(answer));
    };
    const clock = { now: () => now };
    await o.flushOutbox("w", send, toFailure, clock);
    expect(o.outboxEntry("k1")).toMatchObject({ state: "waiting", attempts: 1, nextAt: now + 5_000 });
    await o.flushOutbox("w", send, toFailure, clock);
    expect(calls).toBe(1); // not due yet
    now += 5_000;
    answer = 503;
    await o.flushOutbox("w", send, toFailure, clock);
    expect(o.outboxEntry("k1")).toMatchObject({ state: "waiting", attempts: 2, nextAt: now + 10_000 });
    answer = 409; // the same key still in flight elsewhere: wait, do not give up
    await o.flushOutbox("w", send, toFailure, { ...clock, force: true });
    expect(o.outboxEntry("k1")?.state).toBe("waiting");
    answer = 400;
    await o.flushOutbox("w", send, toFailure, { ...clock, force: true });
    expect(o.outboxEntry("k1")).toMatchObject({ state: "failed", error: "Lĩnh vực này không còn nhận." });
    const before = calls;
    await o.flushOutbox("w", send, toFailure, { ...clock, force: true });
    expect(calls).toBe(before);
    expect(o.nextDue("w")).toBeNull();
  });

  it("stops at the first entry while the connection is down and later ones wait", async () => {
    const o = await tab();
    o.keepForLater({ key: "k1", memberId: "w", body: body(), category: cat(), unit }, { triedNow: false });
    o.keepForLater({ key: "k2", memberId: "w", body: body(), category: cat(), unit }, { triedNow: false });
    const tried: string[] = [];
    await o.flushOutbox("w", (e) => (tried.push(e.key), Promise.reject(failure(0))), toFailure);
    expect(tried).toEqual(["k1"]);
    expect(o.outboxEntry("k2")?.attempts).toBe(0);
  });
});
