import type { Feed } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { broadcastWorld } from "./world.js";

/** Her feed a page at a time: newest first, every announcement once, a cursor until the last page. */
describe("the member's announcement feed", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    w = await broadcastWorld(sim);
  });
  afterAll(async () => {
    await w?.ctx.close();
    await sim?.close();
  });

  it("pages with a cursor (some sent in the same instant), nothing twice, nothing missed", async () => {
    const db = w.ctx.deps.db;
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const b = await db
        .insertInto("broadcasts")
        .values({ unit_id: w.tree.xaB.id, author_id: w.canBoB.memberId, title: `Tin ${i}`, body: "Nội dung", target_paths: ["/"], who: "all", status: "done", send_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(b.id);
      // three at a time share one instant: the cursor must still tell them apart
      await sql`INSERT INTO deliveries (source_module, source_id, dedupe_key, recipient_id, channel, status, type, params, link, created_at)
                VALUES ('broadcasts', ${b.id}, 'a', ${w.memberB1.memberId}, 'in_app', 'sent', 'broadcasts.feed', '{}', '/', now() - make_interval(secs => ${Math.floor(i / 3)}))`.execute(db);
    }
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const res = await w.ctx.app.inject({ method: "GET", url: `/api/broadcasts?limit=10${cursor ? `&cursor=${cursor}` : ""}`, headers: w.memberB1.headers });
      expect(res.statusCode).toBe(200);
      const f = res.json<Feed>();
      expect(f.unread).toBe(25);
      seen.push(...f.items.map((x) => x.id));
      cursor = f.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(seen.slice(0, 3).sort()).toEqual(ids.slice(0, 3).sort()); // the newest first
  });
});
