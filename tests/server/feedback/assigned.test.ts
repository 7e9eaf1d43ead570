import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { routeAllInBatch } from "../../../server/src/modules/feedback/route-batch.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, submitOk, type World } from "./world.js";

/**
 * "What gets assigned" is written in one place (assigned.ts): an item routed on its own (routeSubmission) and one
 * routed in a batch (route-batch.ts) end with the same assignment, the same timeline event and the same people told.
 */
describe("single and batched routing assign alike", () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(() => ctx?.close());

  const written = async (submissionId: string) => {
    const db = ctx.deps.db;
    const assignments = await db
      .selectFrom("assignments")
      .select(["id", "unit_id", "reason", "from_assignment_id", "sla_hours", "escalation_levels", "due_at", "created_at", "closed", "acknowledged_at", "resolved_at"])
      .where("submission_id", "=", submissionId)
      .execute();
    const events = await db
      .selectFrom("submission_events")
      .select(["type", "actor_id", "unit_id", "assignment_id", "message_type", "params", "visible_to_author", "public", "detail"])
      .where("submission_id", "=", submissionId)
      .where("type", "=", "forwarded")
      .execute();
    const told = await db
      .selectFrom("deliveries")
      .select(["recipient_id", "channel"])
      .where("source_id", "=", submissionId)
      .orderBy("recipient_id")
      .orderBy("channel")
      .execute();
    return {
      assignments: assignments.map(({ id: _id, due_at, created_at, ...a }) => ({ ...a, slaMs: new Date(due_at).getTime() - new Date(created_at).getTime() })),
      events: events.map((e) => ({ ...e, assignment_id: e.assignment_id === assignments[0]?.id })),
      told,
    };
  };

  it("an item routed alone and its twin routed in a batch are written the same", async () => {
    const body = { kind: "feedback", category: "viec_lam", body: "Chị em trong thôn cần lớp học nghề may." };
    const alone = (await submitOk(ctx, w.woman, body)).id;
    const batched = (await submitOk(ctx, w.woman, { ...body, body: `${body.body} Lần hai.` })).id;

    expect(await routeSubmission(ctx.deps, alone)).toBe("routed");
    expect(await routeAllInBatch(ctx.deps, [batched])).toEqual({ routed: 1 });

    const a = await written(alone);
    const b = await written(batched);
    expect(a.assignments).toHaveLength(1);
    expect(a.assignments[0]).toMatchObject({ reason: "primary", from_assignment_id: null, closed: false, acknowledged_at: null, resolved_at: null });
    expect(a.events).toHaveLength(1);
    expect(a.events[0]).toMatchObject({ assignment_id: true, visible_to_author: true, public: false, actor_id: null });
    expect(a.told.length).toBeGreaterThan(1);
    expect(b).toEqual(a);
  });
});
