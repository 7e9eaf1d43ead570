import type { Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { eventMsg } from "./text.js";

/**
 * Moves the open work (unresolved submissions and assignments) of a merged unit to the unit that absorbs it, inside
 * the merge's transaction, and returns how many items moved.
 *
 * Open assignments (not handed away, not resolved) change unit, keeping their deadline and acknowledgement. When the
 * survivor already has an assignment for the same submission (one per unit and submission), the merged unit's one
 * closes and the survivor's is reopened if it had finished. Submissions not yet routed take the survivor as origin,
 * so routing uses the tree as it is now. Each moved item gets an internal timeline entry.
 */
export async function moveOpenWork(tx: Transaction<DB>, fromId: string, intoId: string): Promise<number> {
  const now = new Date();
  const names = await tx.selectFrom("units").select(["id", "name"]).where("id", "in", [fromId, intoId]).execute();
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? "";
  const message = eventMsg.unitMerged(nameOf(fromId), nameOf(intoId));

  const open = await tx
    .selectFrom("assignments")
    .selectAll()
    .where("unit_id", "=", fromId)
    .where("closed", "=", false)
    .where("resolved_at", "is", null)
    .orderBy("created_at")
    .forUpdate()
    .execute();
  let moved = 0;
  for (const a of open) {
    const survivor = await tx
      .selectFrom("assignments")
      .select(["id", "closed", "resolved_at"])
      .where("submission_id", "=", a.submission_id)
      .where("unit_id", "=", intoId)
      .forUpdate()
      .executeTakeFirst();
    let assignmentId = a.id;
    if (!survivor) {
      await tx.updateTable("assignments").set({ unit_id: intoId }).where("id", "=", a.id).execute();
    } else {
      await tx.updateTable("assignments").set({ closed: true }).where("id", "=", a.id).execute();
      if (survivor.closed || survivor.resolved_at) {
        await tx
          .updateTable("assignments")
          .set({
            closed: false,
            resolved_at: null,
            resolved_by: null,
            due_at: a.due_at,
            acknowledged_at: a.acknowledged_at,
            acknowledged_by: a.acknowledged_by,
            escalated_at: a.escalated_at,
          })
          .where("id", "=", survivor.id)
          .execute();
      }
      assignmentId = survivor.id;
    }
    await tx
      .insertInto("submission_events")
      .values({
        submission_id: a.submission_id,
        type: "unit_merged",
        actor_id: null,
        unit_id: intoId,
        assignment_id: assignmentId,
        message_type: message.type,
        params: JSON.stringify(message.params),
        visible_to_author: false,
        detail: JSON.stringify({ fromUnitId: fromId, intoUnitId: intoId }),
        created_at: now,
      })
      .execute();
    moved++;
  }

  const unrouted = await tx
    .updateTable("submissions")
    .set({ origin_unit_id: intoId, updated_at: now })
    .where("origin_unit_id", "=", fromId)
    .where("routed_at", "is", null)
    .executeTakeFirst();
  return moved + Number(unrouted.numUpdatedRows);
}
