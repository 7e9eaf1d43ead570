import { afterEach, describe, expect, it, vi } from "vitest";
import { createBatcher } from "../../../server/src/util/batcher.js";

/** A batcher whose batches are recorded and finish only when the test says so. */
function recorder(opts: Parameters<typeof createBatcher>[1]) {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const b = createBatcher<number, number>(
    (items) =>
      new Promise((resolve) => {
        batches.push(items);
        finish.push(() => resolve(items.map((i) => i * 10)));
      }),
    opts,
  );
  return { b, batches, finish };
}

describe("createBatcher", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends calls made in the same turn as one batch and answers each with its own result", async () => {
    const { b, batches, finish } = recorder({ maxBatch: 10, maxInFlight: 1 });
    const out = [b.run(1), b.run(2), b.run(3)];
    await vi.waitFor(() => expect(batches).toEqual([[1, 2, 3]]));
    finish[0]!();
    expect(await Promise.all(out)).toEqual([10, 20, 30]);
  });

  it("with a linger, calls over the next milliseconds join the first one's batch, which leaves when the linger ends", async () => {
    vi.useFakeTimers();
    const { b, batches } = recorder({ maxBatch: 10, maxInFlight: 4, lingerMs: 25 });
    void b.run(1);
    await vi.advanceTimersByTimeAsync(10);
    void b.run(2);
    await vi.advanceTimersByTimeAsync(10);
    void b.run(3);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("a full batch leaves at once without waiting for the linger", async () => {
    vi.useFakeTimers();
    const { b, batches } = recorder({ maxBatch: 3, maxInFlight: 4, lingerMs: 1000 });
    for (const i of [1, 2, 3, 4]) void b.run(i);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1, 2, 3]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it("calls held back while every slot is busy leave as soon as one frees, without a second linger", async () => {
    vi.useFakeTimers();
    const { b, batches, finish } = recorder({ maxBatch: 10, maxInFlight: 1, lingerMs: 25 });
    void b.run(1);
    await vi.advanceTimersByTimeAsync(25);
    expect(batches).toEqual([[1]]);
    void b.run(2);
    void b.run(3);
    await vi.advanceTimersByTimeAsync(25); // their linger is over, but the only slot is still busy
    expect(batches).toEqual([[1]]);
    finish[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("a failed batch rejects every call in it", async () => {
    const b = createBatcher<number, number>(() => Promise.reject(new Error("down")), { maxBatch: 10, maxInFlight: 1 });
    const out = await Promise.allSettled([b.run(1), b.run(2)]);
    expect(out.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });
});
