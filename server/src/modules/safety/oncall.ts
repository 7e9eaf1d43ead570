import { onCallAt, SafetyErrorCode, type OnCallPutBody, type OnCallView } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver } from "../../policy/policy.js";
import { communeOf } from "./units.js";
import { loadSafetySettings } from "./settings.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** Cán bộ and admins holding a role at exactly this unit: who handles its inbox (as feedback's told.ts says). */
const staffAt = (db: Conn, unitId: string) =>
  db
    .selectFrom("roles as r")
    .innerJoin("members as m", "m.id", "r.member_id")
    .select(["m.id as memberId", "m.name"])
    .where("r.unit_id", "=", unitId)
    .where("r.role", "in", ["can_bo", "admin"])
    .distinct()
    .orderBy("m.name")
    .execute();

/**
 * Who is alerted about an urgent report at `unitId` now: the cán bộ whose on-call window covers this moment; when
 * the unit set none (or nobody's window covers now), every cán bộ of the unit — an alert never goes to nobody while
 * someone could take it.
 */
export async function onCallNow(db: Conn, unitId: string, at: Date): Promise<string[]> {
  const staff = await staffAt(db, unitId);
  const ids = new Set(staff.map((s) => s.memberId));
  const entries = await db.selectFrom("safety_on_call").selectAll().where("unit_id", "=", unitId).execute();
  const now = entries
    .filter((e) => ids.has(e.member_id) && onCallAt({ weekdays: e.weekdays, fromMinute: e.from_minute, toMinute: e.to_minute }, at))
    .map((e) => e.member_id);
  return now.length > 0 ? now : [...ids];
}

export async function onCallView(deps: AppDeps, auth: AuthContext, unitId: string): Promise<OnCallView> {
  const commune = await communeOf(deps.db, unitId);
  await assertRoleOver(deps.db, auth, commune.id);
  const staff = await staffAt(deps.db, commune.id);
  const entries = await deps.db
    .selectFrom("safety_on_call as o")
    .innerJoin("members as m", "m.id", "o.member_id")
    .select(["o.member_id", "m.name", "o.weekdays", "o.from_minute", "o.to_minute"])
    .where("o.unit_id", "=", commune.id)
    .orderBy("m.name")
    .execute();
  const now = new Date();
  const { ackMinutes } = await loadSafetySettings(deps.db);
  return {
    unitId: commune.id,
    unitName: commune.name,
    staff,
    ackMinutes,
    entries: entries.map((e) => {
      const w = { memberId: e.member_id, weekdays: e.weekdays, fromMinute: e.from_minute, toMinute: e.to_minute };
      return { ...w, name: e.name, now: onCallAt(w, now) };
    }),
  };
}

/** Replaces a xã's on-call list (audited); everyone named must hold a role at that xã. */
export async function putOnCall(deps: AppDeps, auth: AuthContext, body: OnCallPutBody): Promise<OnCallView> {
  const commune = await communeOf(deps.db, body.unitId);
  await assertRoleOver(deps.db, auth, commune.id);
  const staff = new Set((await staffAt(deps.db, commune.id)).map((s) => s.memberId));
  const seen = new Set<string>();
  body.entries.forEach((e, i) => {
    if (!staff.has(e.memberId) || seen.has(e.memberId)) {
      throw badRequest("Người trực phải là cán bộ của xã/phường này, mỗi người một dòng.", `entries/${i}/memberId`, SafetyErrorCode.SAFETY_NOT_STAFF_HERE);
    }
    seen.add(e.memberId);
  });
  await deps.db.transaction().execute(async (tx) => {
    await tx.deleteFrom("safety_on_call").where("unit_id", "=", commune.id).execute();
    if (body.entries.length > 0) {
      await tx
        .insertInto("safety_on_call")
        .values(
          body.entries.map((e) => ({
            unit_id: commune.id,
            member_id: e.memberId,
            weekdays: [...new Set(e.weekdays)].sort(),
            from_minute: e.fromMinute,
            to_minute: e.toMinute,
            updated_by: auth.memberId,
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    await audit(tx, { actorId: auth.memberId, action: "safety.on_call.set", entityType: "unit", entityId: commune.id, detail: { entries: body.entries } });
  });
  return onCallView(deps, auth, commune.id);
}
