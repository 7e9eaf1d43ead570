import { UnitErrorCode, type MergeResult } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver } from "../../policy/policy.js";
import { selectUnits, toUnit } from "./rows.js";
import { buildSearchText, mergeFormerNames } from "./search-text.js";
import { lockTree, lockUnit, recordAudit, recordHistory } from "./writes.js";

/**
 * Merges `fromId` into `intoId` (same level): members, child units (with their whole subtrees' paths) and open work
 * move to the survivor, and so do its cán bộ's roles; the merged unit stays as an inactive row pointing at it, and its names stay searchable on the
 * survivor. Each module moves its own open work (ServerModule.onUnitMerge). One transaction: either all of it happens or none.
 */
export async function mergeUnits(deps: AppDeps, auth: AuthContext, fromId: string, intoId: string): Promise<MergeResult> {
  return deps.db.transaction().execute(async (tx) => {
    await lockTree(tx);
    const from = await lockUnit(tx, fromId);
    const into = await lockUnit(tx, intoId);
    await assertRoleOver(tx, auth, fromId, ["admin"]);
    await assertRoleOver(tx, auth, intoId, ["admin"]);
    if (fromId === intoId) {
      throw badRequest("Không thể sáp nhập một đơn vị vào chính nó.", "intoId", UnitErrorCode.UNIT_LEVEL_INVALID);
    }
    if (from.level !== into.level || !from.parent_id) {
      throw badRequest(
        "Chỉ sáp nhập được các đơn vị cùng cấp (xã/phường vào xã/phường, chi hội vào chi hội, tổ vào tổ).",
        "intoId",
        UnitErrorCode.UNIT_LEVEL_INVALID,
      );
    }
    for (const u of [from, into]) {
      if (!u.active) throw new AppError(409, UnitErrorCode.UNIT_INACTIVE, `${u.name} đã ngừng hoạt động hoặc đã được sáp nhập trước đó.`);
    }
    const now = new Date();

    const members = await tx.updateTable("members").set({ unit_id: intoId, updated_at: now }).where("unit_id", "=", fromId).executeTakeFirst();
    const children = await tx.updateTable("units").set({ parent_id: intoId, updated_at: now }).where("parent_id", "=", fromId).executeTakeFirst();
    // '/root/A/child/…' becomes '/root/B/child/…' for every descendant: subtree queries and role scopes follow.
    await tx
      .updateTable("units")
      .set({ path: sql<string>`${into.path} || substr(path, ${from.path.length + 1})` })
      .where("path", "like", `${from.path}%`)
      .where("id", "!=", fromId)
      .execute();
    // Units merged into the loser earlier now point straight at the survivor: one hop always resolves.
    await tx.updateTable("units").set({ merged_into: intoId }).where("merged_into", "=", fromId).execute();
    const openWork: Record<string, number> = {};
    for (const m of deps.modules) if (m.onUnitMerge) openWork[m.name] = await m.onUnitMerge(tx, fromId, intoId);
    const movedOpenWork = Object.values(openWork).reduce((a, b) => a + b, 0);
    // The merged unit's cán bộ carry on at the survivor, where its members and open work now are; a role the person
    // already holds there is not doubled.
    const roles = await sql<{ n: number }>`
      WITH moved AS (DELETE FROM roles WHERE unit_id = ${fromId} RETURNING member_id, role, scopes, granted_by),
           ins AS (INSERT INTO roles (member_id, unit_id, role, scopes, granted_by)
                   SELECT member_id, ${intoId}, role, scopes, granted_by FROM moved
                   ON CONFLICT (member_id, unit_id, role) DO NOTHING RETURNING 1)
      SELECT count(*)::int AS n FROM moved`.execute(tx);
    const movedRoles = roles.rows[0]?.n ?? 0;

    await tx.updateTable("units").set({ active: false, merged_into: intoId, updated_at: now }).where("id", "=", fromId).execute();
    const formerNames = mergeFormerNames(into.name, into.former_names, [from.name], from.former_names);
    await tx
      .updateTable("units")
      .set({
        former_names: formerNames,
        search_text: buildSearchText(into.name, formerNames, [into.search_text, from.search_text]),
        updated_at: now,
      })
      .where("id", "=", intoId)
      .execute();

    const movedMembers = Number(members.numUpdatedRows);
    const movedChildren = Number(children.numUpdatedRows);
    const counts = { movedMembers, movedChildren, movedOpenWork };
    const detail = { ...counts, movedRoles, openWork };
    await recordHistory(tx, [
      { unit_id: fromId, action: "merge", old_name: from.name, new_name: into.name, actor_id: auth.memberId, detail: { intoId, intoName: into.name, ...detail } },
      { unit_id: intoId, action: "absorb", old_name: from.name, new_name: into.name, actor_id: auth.memberId, detail: { fromId, fromName: from.name, ...detail } },
    ]);
    await recordAudit(tx, auth.memberId, "unit.merge", fromId, { intoId, fromName: from.name, intoName: into.name, ...detail });
    await recordAudit(tx, auth.memberId, "unit.absorb", intoId, { fromId, fromName: from.name, intoName: into.name, ...detail });

    const unit = toUnit(await selectUnits(tx).where("u.id", "=", intoId).executeTakeFirstOrThrow());
    return { unit, ...counts };
  });
}
