import { childLevelOf, foldVietnamese, UnitErrorCode, type CreateUnitBody, type Unit, type UnitLevelName } from "@hoiso/shared";
import crypto from "node:crypto";
import type { Db } from "../../db/pool.js";
import { AppError, badRequest, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver } from "../../policy/policy.js";
import { selectUnits, toUnit } from "./rows.js";
import { buildSearchText, mergeFormerNames } from "./search-text.js";
import { cleanName, lockTree, lockUnit, recordAudit, recordHistory, type Tx } from "./writes.js";

const inactive = (what: string) =>
  new AppError(409, UnitErrorCode.UNIT_INACTIVE, `${what} đã ngừng hoạt động hoặc đã được sáp nhập vào đơn vị khác.`);

function validName(raw: string): string {
  const name = cleanName(raw);
  if (name.length < 2) throw badRequest("Chị vui lòng nhập tên đơn vị (ít nhất 2 ký tự).", "name");
  return name;
}

/** Two active siblings with the same name (ignoring diacritics) would be indistinguishable in every list. */
async function assertNameFree(tx: Tx, parentId: string, name: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom("units").select(["id", "name"]).where("parent_id", "=", parentId).where("active", "=", true);
  if (exceptId) q = q.where("id", "!=", exceptId);
  const folded = foldVietnamese(name);
  if ((await q.execute()).some((s) => foldVietnamese(s.name) === folded)) {
    throw new AppError(409, UnitErrorCode.UNIT_NAME_TAKEN, `Đã có đơn vị tên "${name}" trực thuộc đơn vị cấp trên này.`, "name");
  }
}

/** Child codes follow the parent's: 04384 → 04384.01, 04384.02 …; the seed uses the same scheme. */
async function nextChildCode(tx: Tx, parentId: string, parentCode: string): Promise<string> {
  const { n } = await tx
    .selectFrom("units")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("parent_id", "=", parentId)
    .executeTakeFirstOrThrow();
  for (let i = Number(n) + 1; ; i++) {
    const code = `${parentCode}.${String(i).padStart(2, "0")}`;
    const taken = await tx.selectFrom("units").select("id").where("code", "=", code).executeTakeFirst();
    if (!taken) return code;
  }
}

function kindFor(level: UnitLevelName, name: string): string | null {
  if (level !== "xa") return null;
  return foldVietnamese(name).startsWith("phuong ") ? "phường" : "xã";
}

const loadUnit = async (tx: Tx, id: string): Promise<Unit> => toUnit(await selectUnits(tx).where("u.id", "=", id).executeTakeFirstOrThrow());

export async function createUnit(db: Db, auth: AuthContext, body: CreateUnitBody): Promise<Unit> {
  const name = validName(body.name);
  return db.transaction().execute(async (tx) => {
    await lockTree(tx);
    const parent = await tx
      .selectFrom("units")
      .select(["id", "level", "code", "path", "active"])
      .where("id", "=", body.parentId)
      .executeTakeFirst();
    if (!parent) throw unitNotFound();
    await assertRoleOver(tx, auth, parent.id, ["admin"]);
    const level = childLevelOf(parent.level);
    if (!level) {
      throw badRequest("Tổ phụ nữ là cấp cuối cùng, không thể tạo đơn vị trực thuộc tổ.", "parentId", UnitErrorCode.UNIT_LEVEL_INVALID);
    }
    if (!parent.active) throw inactive("Đơn vị cấp trên");
    await assertNameFree(tx, parent.id, name);
    let code = body.code;
    if (code) {
      if (await tx.selectFrom("units").select("id").where("code", "=", code).executeTakeFirst()) {
        throw new AppError(409, UnitErrorCode.UNIT_CODE_TAKEN, `Mã "${code}" đã được dùng cho một đơn vị khác.`, "code");
      }
    } else {
      code = await nextChildCode(tx, parent.id, parent.code);
    }
    const id = crypto.randomUUID();
    await tx
      .insertInto("units")
      .values({
        id,
        parent_id: parent.id,
        level,
        code,
        name,
        kind: kindFor(level, name),
        path: `${parent.path}${id}/`,
        search_text: buildSearchText(name),
        merged_into: null,
      })
      .execute();
    await recordHistory(tx, [{ unit_id: id, action: "create", old_name: null, new_name: name, actor_id: auth.memberId, detail: { parentId: parent.id } }]);
    await recordAudit(tx, auth.memberId, "unit.create", id, { parentId: parent.id, name, code, level });
    return loadUnit(tx, id);
  });
}

/** The old name stays findable: it joins former_names and search_text keeps every spelling it had. */
export async function renameUnit(db: Db, auth: AuthContext, id: string, rawName: string): Promise<Unit> {
  const name = validName(rawName);
  return db.transaction().execute(async (tx) => {
    const unit = await lockUnit(tx, id);
    await assertRoleOver(tx, auth, id, ["admin"]);
    if (!unit.active) throw inactive("Đơn vị này");
    if (unit.name === name) return loadUnit(tx, id);
    if (unit.parent_id) await assertNameFree(tx, unit.parent_id, name, id);
    const formerNames = mergeFormerNames(name, unit.former_names, [unit.name]);
    await tx
      .updateTable("units")
      .set({ name, former_names: formerNames, search_text: buildSearchText(name, formerNames, [unit.search_text]), updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await recordHistory(tx, [{ unit_id: id, action: "rename", old_name: unit.name, new_name: name, actor_id: auth.memberId }]);
    await recordAudit(tx, auth.memberId, "unit.rename", id, { oldName: unit.name, newName: name });
    return loadUnit(tx, id);
  });
}

/** Soft only, and only once nothing depends on the unit any more; deactivating twice is a no-op. */
export async function deactivateUnit(db: Db, auth: AuthContext, id: string): Promise<Unit> {
  return db.transaction().execute(async (tx) => {
    await lockTree(tx);
    const unit = await lockUnit(tx, id);
    await assertRoleOver(tx, auth, id, ["admin"]);
    if (!unit.active) return loadUnit(tx, id);
    if (!unit.parent_id) {
      throw new AppError(409, UnitErrorCode.UNIT_NOT_EMPTY, "Không thể ngừng hoạt động đơn vị cấp tỉnh.");
    }
    const { children } = await tx
      .selectFrom("units")
      .select((eb) => eb.fn.countAll<number>().as("children"))
      .where("path", "like", `${unit.path}%`)
      .where("id", "!=", id)
      .where("active", "=", true)
      .executeTakeFirstOrThrow();
    if (Number(children) > 0) {
      throw new AppError(
        409,
        UnitErrorCode.UNIT_NOT_EMPTY,
        `Đơn vị còn ${children} đơn vị trực thuộc đang hoạt động. Chị vui lòng sáp nhập hoặc ngừng hoạt động các đơn vị đó trước.`,
      );
    }
    const { members } = await tx
      .selectFrom("members")
      .innerJoin("units", "units.id", "members.unit_id")
      .select((eb) => eb.fn.countAll<number>().as("members"))
      .where("units.path", "like", `${unit.path}%`)
      .executeTakeFirstOrThrow();
    if (Number(members) > 0) {
      throw new AppError(
        409,
        UnitErrorCode.UNIT_NOT_EMPTY,
        `Đơn vị còn ${members} hội viên. Chị vui lòng sáp nhập đơn vị này vào đơn vị khác để chuyển hội viên sang trước khi ngừng hoạt động.`,
      );
    }
    await tx.updateTable("units").set({ active: false, updated_at: new Date() }).where("id", "=", id).execute();
    await recordHistory(tx, [{ unit_id: id, action: "deactivate", old_name: unit.name, new_name: null, actor_id: auth.memberId }]);
    await recordAudit(tx, auth.memberId, "unit.deactivate", id, { name: unit.name, code: unit.code });
    return loadUnit(tx, id);
  });
}
