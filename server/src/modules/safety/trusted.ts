import type { TrustedAddress, TrustedAddressList, TrustedCoverage, TrustedWriteBody } from "@hoiso/shared";
import { sql } from "kysely";
import { audit } from "../../db/audit.js";
import type { AppDeps } from "../../deps.js";
import type { Db } from "../../db/pool.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, scopeOf } from "../../policy/policy.js";
import { communeOf, communeOfOrNull } from "./units.js";

const columns = ["t.id", "t.unit_id", "u.name as unit_name", "t.kind", "t.name", "t.help", "t.address", "t.phone", "t.hours", "t.managed_by", "t.sample"] as const;

type Row = {
  id: string;
  unit_id: string;
  unit_name: string;
  kind: TrustedAddress["kind"];
  name: string;
  help: string;
  address: string;
  phone: string | null;
  hours: string;
  managed_by: string;
  sample: boolean;
};

const toApi = (r: Row): TrustedAddress => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  kind: r.kind,
  name: r.name,
  help: r.help,
  address: r.address,
  phone: r.phone,
  hours: r.hours,
  managedBy: r.managed_by,
  sample: r.sample,
});

/**
 * The trusted addresses of the commune of `unitId` (her xã's first), then the province's own. Public data: no session
 * needed, and nothing here records who asked or for which commune.
 */
export async function publicList(db: Db, unitId: string | undefined): Promise<TrustedAddressList> {
  const commune = unitId ? await communeOfOrNull(db, unitId) : null;
  const rows = await db
    .selectFrom("trusted_addresses as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select(columns)
    .where("t.active", "=", true)
    .where((eb) => eb.or([eb("u.level", "=", "tinh"), ...(commune ? [eb("t.unit_id", "=", commune.id)] : [])]))
    .orderBy(sql`u.level = 'tinh'`)
    .orderBy("t.sort")
    .orderBy("t.name")
    .execute();
  return { communeName: commune?.name ?? null, items: rows.map(toApi) };
}

/** A cán bộ's list for a commune of her scope (the addresses she keeps). */
export async function adminList(deps: AppDeps, auth: AuthContext, unitId: string): Promise<TrustedAddressList> {
  const commune = await communeOf(deps.db, unitId);
  await assertRoleOver(deps.db, auth, commune.id);
  const rows = await deps.db
    .selectFrom("trusted_addresses as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select(columns)
    .where("t.active", "=", true)
    .where("t.unit_id", "=", commune.id)
    .orderBy("t.sort")
    .orderBy("t.name")
    .execute();
  return { communeName: commune.name, items: rows.map(toApi) };
}

const values = (b: TrustedWriteBody) => ({
  kind: b.kind,
  name: b.name.trim(),
  help: b.help.trim(),
  address: b.address.trim(),
  phone: b.phone?.trim() || null,
  hours: b.hours.trim(),
  managed_by: b.managedBy.trim(),
  sort: b.sort ?? 0,
});

async function one(db: Db, id: string): Promise<TrustedAddress> {
  const r = await db.selectFrom("trusted_addresses as t").innerJoin("units as u", "u.id", "t.unit_id").select(columns).where("t.id", "=", id).executeTakeFirstOrThrow();
  return toApi(r);
}

export async function createTrusted(deps: AppDeps, auth: AuthContext, b: TrustedWriteBody): Promise<TrustedAddress> {
  const commune = await communeOf(deps.db, b.unitId);
  await assertRoleOver(deps.db, auth, commune.id);
  const id = await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("trusted_addresses")
      .values({ unit_id: commune.id, ...values(b), created_by: auth.memberId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, { actorId: auth.memberId, action: "safety.trusted.create", entityType: "trusted_address", entityId: row.id, detail: { unitId: commune.id, ...values(b) } });
    return row.id;
  });
  return one(deps.db, id);
}

/** The address must be in her scope, and so must the commune it moves to. A sample stops being one once edited. */
export async function updateTrusted(deps: AppDeps, auth: AuthContext, id: string, b: TrustedWriteBody): Promise<TrustedAddress> {
  const existing = await deps.db.selectFrom("trusted_addresses").select("unit_id").where("id", "=", id).where("active", "=", true).executeTakeFirst();
  if (!existing) throw notFound("Không tìm thấy địa chỉ này.");
  await assertRoleOver(deps.db, auth, existing.unit_id);
  const commune = await communeOf(deps.db, b.unitId);
  await assertRoleOver(deps.db, auth, commune.id);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("trusted_addresses")
      .set({ unit_id: commune.id, ...values(b), sample: false, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "safety.trusted.update", entityType: "trusted_address", entityId: id, detail: { unitId: commune.id, ...values(b) } });
  });
  return one(deps.db, id);
}

export async function removeTrusted(deps: AppDeps, auth: AuthContext, id: string): Promise<void> {
  const existing = await deps.db.selectFrom("trusted_addresses").select("unit_id").where("id", "=", id).where("active", "=", true).executeTakeFirst();
  if (!existing) throw notFound("Không tìm thấy địa chỉ này.");
  await assertRoleOver(deps.db, auth, existing.unit_id);
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable("trusted_addresses").set({ active: false, updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "safety.trusted.remove", entityType: "trusted_address", entityId: id, detail: {} });
  });
}

/** Communes of her scope and how many trusted addresses each keeps (samples counted apart); the province sees all. */
export async function coverage(deps: AppDeps, auth: AuthContext): Promise<TrustedCoverage> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  const rows = await deps.db
    .selectFrom("units as u")
    .leftJoin("trusted_addresses as t", (j) => j.onRef("t.unit_id", "=", "u.id").on("t.active", "=", true))
    .select((eb) => [
      "u.id",
      "u.name",
      eb.fn.count<number>("t.id").as("n"),
      eb.fn.count<number>("t.id").filterWhere("t.sample", "=", true).as("samples"),
    ])
    .where("u.level", "=", "xa")
    .where("u.active", "=", true)
    .where(sql<boolean>`u.path LIKE ANY(${sql.val(paths.map((p) => `${p}%`))}::text[])`)
    .groupBy(["u.id", "u.name"])
    .orderBy("u.name")
    .execute();
  const communes = rows.map((r) => ({ unitId: r.id, name: r.name, count: Number(r.n), sample: Number(r.samples) }));
  return { total: communes.length, covered: communes.filter((c) => c.count > 0).length, communes };
}
