import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollWorld } from "./world.js";

/** A unit merge: an open poll follows the surviving unit so the merged unit's women can still answer; a closed one stays. */
describe("polls and unit merges", () => {
  let w: Awaited<ReturnType<typeof pollWorld>>;
  beforeAll(async () => {
    w = await pollWorld();
  }, 60_000);
  afterAll(async () => {
    await w?.ctx.close();
  });

  const row = (id: string) => w.db.selectFrom("polls").select(["unit_id", "target_unit_ids", "target_paths"]).where("id", "=", id).executeTakeFirstOrThrow();
  const answer = { answers: [{ choice: 0 }, { choices: [1] }, { choice: 3 }, { text: "" }] };

  it("an open poll to the merged chi hội goes to the survivor and its women can answer; a closed one is left as it was", async () => {
    const open = await w.poll({ targetUnitIds: [w.tree.chiHoiA2.id] });
    const closed = await w.poll({ targetUnitIds: [w.tree.chiHoiA2.id], title: "Khảo sát đã đóng" });
    await w.db.updateTable("polls").set({ opens_at: new Date(Date.now() - 7200_000), closes_at: new Date(Date.now() - 3600_000) }).where("id", "=", closed.id).execute();
    const closedBefore = await row(closed.id);
    const moved = await w.member(w.tree.chiHoiA2.id, [], "Chị ở chi hội bị sáp nhập");

    const res = await w.inject("POST", `/api/admin/units/${w.tree.chiHoiA2.id}/merge`, w.admin.headers, { intoId: w.tree.chiHoiA3.id });
    expect(res.statusCode, res.body).toBe(200);
    const a3 = await w.db.selectFrom("units").select("path").where("id", "=", w.tree.chiHoiA3.id).executeTakeFirstOrThrow();

    expect(await row(open.id)).toMatchObject({ unit_id: w.tree.xaA.id, target_unit_ids: [w.tree.chiHoiA3.id], target_paths: [a3.path] });
    expect(await row(closed.id)).toEqual(closedBefore);

    const list = await w.inject("GET", "/api/polls", moved.headers);
    expect(list.statusCode, list.body).toBe(200);
    expect(JSON.stringify(list.json())).toContain(open.id);
    const answered = await w.inject("POST", `/api/polls/${open.id}/answers`, moved.headers, answer);
    expect(answered.statusCode, answered.body).toBe(201);
  });
});
