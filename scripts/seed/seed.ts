import type { UnitLevelName } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { Db } from "../../server/src/db/pool.js";
import type { DB } from "../../server/src/db/types.js";
import { buildSearchText, mergeFormerNames } from "../../server/src/modules/org/search-text.js";
import { capitalise, loadProvinceData, type CommuneRecord } from "./data.js";
import { ensureSampleContent } from "./content.js";
import { ensureSampleTrustedAddresses } from "./safety.js";
import { ensureSampleContests } from "./contests.js";
import { DEMO_ACCOUNTS, DEMO_TREE, PROVINCE_CODE, PROVINCE_NAME, seedUnitId, type DemoUnit } from "./demo.js";

type Tx = Transaction<DB>;

interface SeedUnit {
  code: string;
  parentCode: string | null;
  level: UnitLevelName;
  name: string;
  kind: string | null;
  formerNames: string[];
  /** Other spellings that search should also find (older datasets spell some communes differently). */
  spellings: string[];
  historyDetail: Record<string, unknown>;
}

export interface SeedResult {
  unitsInserted: number;
  membersInserted: number;
  rolesInserted: number;
}

function communeUnit(c: CommuneRecord, resolution: string): SeedUnit {
  const name = `${c.type === "phuong" ? "Phường" : "Xã"} ${c.name}`;
  return {
    code: c.code,
    parentCode: PROVINCE_CODE,
    level: "xa",
    name,
    kind: c.type === "phuong" ? "phường" : "xã",
    formerNames: mergeFormerNames(name, c.formerUnits.map(capitalise)),
    spellings: c.formerUnitsDetail.flatMap((d) => (d.oldDatasetName ? [d.oldDatasetName] : [])),
    historyDetail: { source: "seed", resolution, clause: c.resolutionClause, formedFrom: c.formerUnits },
  };
}

function demoUnits(parentCode: string, list: DemoUnit[], level: UnitLevelName): SeedUnit[] {
  return list.flatMap((d) => [
    { code: d.code, parentCode, level, name: d.name, kind: null, formerNames: [], spellings: [], historyDetail: { source: "seed", demo: true } },
    ...demoUnits(d.code, d.children ?? [], "to"),
  ]);
}

interface Placed {
  id: string;
  path: string;
}

/**
 * Inserts the units not there yet (by code; existing rows, possibly renamed by an admin since, are left alone) and
 * returns where every code now sits. Parents must already be in `placed`.
 */
async function ensureUnits(tx: Tx, units: SeedUnit[], placed: Map<string, Placed>): Promise<number> {
  if (units.length === 0) return 0;
  const rows = units.map((u) => {
    const id = seedUnitId(u.code);
    const parent = u.parentCode ? placed.get(u.parentCode) : undefined;
    if (u.parentCode && !parent) throw new Error(`seed: parent ${u.parentCode} of ${u.code} is missing`);
    return {
      id,
      parent_id: parent?.id ?? null,
      level: u.level,
      code: u.code,
      name: u.name,
      kind: u.kind,
      path: `${parent?.path ?? "/"}${id}/`,
      former_names: u.formerNames,
      search_text: buildSearchText(u.name, [...u.formerNames, ...u.spellings]),
      merged_into: null,
    };
  });
  const inserted = await tx
    .insertInto("units")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "code", "name"])
    .execute();
  if (inserted.length > 0) {
    const byCode = new Map(units.map((u) => [u.code, u]));
    await tx
      .insertInto("unit_history")
      .values(
        inserted.map((r) => ({
          unit_id: r.id,
          action: "create" as const,
          old_name: null,
          new_name: r.name,
          actor_id: null,
          detail: JSON.stringify(byCode.get(r.code)?.historyDetail ?? {}),
        })),
      )
      .execute();
  }
  const now = await tx.selectFrom("units").select(["id", "code", "path"]).where("code", "in", units.map((u) => u.code)).execute();
  for (const r of now) placed.set(r.code, { id: r.id, path: r.path });
  return inserted.length;
}

async function ensureDemoAccounts(tx: Tx, placed: Map<string, Placed>): Promise<{ members: number; roles: number }> {
  const accounts = Object.values(DEMO_ACCOUNTS);
  // By code, not by the derived id: an older database may hold the same units under other ids.
  const unitOf = (ref: { code: string } | null) => (ref ? (placed.get(ref.code)?.id ?? null) : null);
  const now = new Date();
  const inserted = await tx
    .insertInto("members")
    .values(
      accounts.map((a) => ({
        id: a.memberId,
        zalo_app_user_id: a.zaloAppUserId,
        zalo_oa_user_id: null,
        name: a.name,
        avatar: null,
        phone: null,
        unit_id: unitOf(a.unit),
        membership_status: a.unit ? ("confirmed" as const) : ("none" as const),
        membership_requested_at: a.unit ? now : null,
        membership_confirmed_by: null,
        membership_confirmed_at: a.unit ? now : null,
        ethnicity: null,
        language: null,
        last_seen_at: null,
      })),
    )
    // Someone may have used the dev login with a demo id before seeding: give her the demo unit if she has none.
    .onConflict((oc) =>
      oc
        .column("zalo_app_user_id")
        .doUpdateSet((eb) => ({
          unit_id: eb.ref("excluded.unit_id"),
          membership_status: eb.ref("excluded.membership_status"),
          membership_confirmed_at: eb.ref("excluded.membership_confirmed_at"),
        }))
        .where("members.unit_id", "is", null)
        .where("excluded.unit_id", "is not", null),
    )
    .returning("id")
    .execute();
  const members = await tx
    .selectFrom("members")
    .select(["id", "zalo_app_user_id"])
    .where("zalo_app_user_id", "in", accounts.map((a) => a.zaloAppUserId))
    .execute();
  const memberOf = new Map(members.map((m) => [m.zalo_app_user_id, m.id]));
  const roles = accounts.flatMap((a) => {
    const memberId = memberOf.get(a.zaloAppUserId);
    const unitId = a.role ? unitOf(a.role.unit) : null;
    return a.role && memberId && unitId ? [{ member_id: memberId, unit_id: unitId, role: a.role.role, granted_by: null }] : [];
  });
  const grantedRoles = roles.length
    ? await tx.insertInto("roles").values(roles).onConflict((oc) => oc.doNothing()).returning("id").execute()
    : [];
  return { members: inserted.length, roles: grantedRoles.length };
}

export interface SeedOptions {
  /**
   * Also the invented chi hội/tổ and the demo accounts with their roles (a province admin among them, reachable
   * through the development login). Only for development and trying the app: never on a real database unless asked.
   */
  demo: boolean;
}

/**
 * The province and its 99 xã/phường from Nghị quyết 1673/NQ-UBTVQH15 (with the communes merged into each); with
 * `demo`, demo chi hội and tổ and the demo accounts. Idempotent: rows already there (by code / Zalo id) are kept as
 * they are.
 */
export async function seed(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const data = loadProvinceData();
  return db.transaction().execute(async (tx) => {
    // Two processes starting on an empty database at once: the second waits and then finds everything there.
    await sql`SELECT pg_advisory_xact_lock(hashtext('hoiso.seed'))`.execute(tx);
    const placed = new Map<string, Placed>();
    const province: SeedUnit = {
      code: PROVINCE_CODE,
      parentCode: null,
      level: "tinh",
      name: PROVINCE_NAME,
      kind: null,
      formerNames: [],
      spellings: [],
      historyDetail: { source: "seed", resolution: data.resolution.number, effective: data.resolution.effective },
    };
    let unitsInserted = await ensureUnits(tx, [province], placed);
    unitsInserted += await ensureUnits(tx, data.units.map((c) => communeUnit(c, data.resolution.number)), placed);
    if (!opts.demo) return { unitsInserted, membersInserted: 0, rolesInserted: 0 };
    const demo = Object.entries(DEMO_TREE).flatMap(([xaCode, list]) => demoUnits(xaCode, list, "chi_hoi"));
    unitsInserted += await ensureUnits(tx, demo.filter((u) => u.level === "chi_hoi"), placed);
    unitsInserted += await ensureUnits(tx, demo.filter((u) => u.level === "to"), placed);
    const accounts = await ensureDemoAccounts(tx, placed);
    // Tìm hiểu's sample articles and guides: demo only, marked as sample
    await ensureSampleContent(tx);
    // An toàn's sample trusted addresses for a few communes: demo only, marked as sample
    await ensureSampleTrustedAddresses(tx);
    // Thi: a sample contest (its first round open) and a practice quiz
    await ensureSampleContests(tx);
    return { unitsInserted, membersInserted: accounts.members, rolesInserted: accounts.roles };
  });
}

/** Seeds only a database without any unit (embedded mode's first start). True when it seeded. */
export async function seedIfEmpty(db: Db, opts: SeedOptions): Promise<boolean> {
  const any = await db.selectFrom("units").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  const result = await seed(db, opts);
  return result.unitsInserted > 0;
}
