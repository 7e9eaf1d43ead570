import crypto from "node:crypto";
import { foldVietnamese } from "@hoiso/shared";
import type { Db } from "../../server/src/db/pool.js";
import type { App } from "../../server/src/http/types-app.js";

export interface TestUnit {
  id: string;
  path: string;
  name: string;
}

/** Inserts one unit under `parent` (or a root) with a correct materialised path. */
export async function addUnit(
  db: Db,
  parent: TestUnit | null,
  level: "tinh" | "xa" | "chi_hoi" | "to",
  name: string,
): Promise<TestUnit> {
  const id = crypto.randomUUID();
  const path = `${parent?.path ?? "/"}${id}/`;
  await db
    .insertInto("units")
    .values({
      id,
      parent_id: parent?.id ?? null,
      level,
      code: `T-${id.slice(0, 8)}`,
      name,
      kind: level === "xa" ? "xã" : null,
      path,
      search_text: foldVietnamese(name),
      merged_into: null,
    })
    .execute();
  return { id, path, name };
}

/** A small tree: province → two communes → a chi hội under the first. */
export async function smallTree(db: Db) {
  const tinh = await addUnit(db, null, "tinh", "Hội LHPN tỉnh Lào Cai");
  const xaA = await addUnit(db, tinh, "xa", "Xã Bảo Thắng");
  const xaB = await addUnit(db, tinh, "xa", "Phường Sa Pa");
  const chiHoiA = await addUnit(db, xaA, "chi_hoi", "Chi hội thôn Làng Mới");
  return { tinh, xaA, xaB, chiHoiA };
}

export async function devLogin(app: App, name: string, zaloId = name.replace(/\W+/g, "-")) {
  const res = await app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, zaloId } });
  if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ token: string; me: { id: string } }>();
  return { token: body.token, memberId: body.me.id, headers: { authorization: `Bearer ${body.token}` } };
}

export async function grant(db: Db, memberId: string, unitId: string, role: "can_bo" | "admin") {
  await db.insertInto("roles").values({ member_id: memberId, unit_id: unitId, role, granted_by: null }).execute();
}
