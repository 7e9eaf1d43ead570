import { normalizeVietnamPhone, type AdminMemberList, type AdminMemberQuery } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { forbidden } from "../../http/errors.js";
import { phoneIndexes, readPhone, type PhoneKeyring } from "../../privacy/phones.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, isProvinceAdmin, scopeOf } from "../../policy/policy.js";
import { foldedSql, likeFolded } from "./fold-sql.js";
import { selectRoles, toAdminRole } from "./roles.js";

const DEFAULT_LIMIT = 30;

/** Digits a cán bộ may type for a phone number ("0912 345", "84912…"), as they appear inside the stored 84… form. */
function phoneDigits(q: string): string | null {
  if (!/^[\d\s.+()-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, "").replace(/^(84|0)/, "");
  return digits.length >= 3 ? digits : null;
}

/**
 * Members a cán bộ or admin may manage, searched by name, phone or unit name (diacritics optional). Without a unit,
 * the caller's whole scope; a province admin also sees women who have not chosen a unit yet (a new cán bộ has to be
 * found before she can be given a role).
 */
export async function searchMembers(db: Db, ring: PhoneKeyring, auth: AuthContext, query: AdminMemberQuery): Promise<AdminMemberList> {
  let paths: string[];
  let unitless = false;
  if (query.unitId) {
    await assertRoleOver(db, auth, query.unitId);
    paths = [(await db.selectFrom("units").select("path").where("id", "=", query.unitId).executeTakeFirstOrThrow()).path];
  } else {
    paths = scopeOf(auth).paths;
    if (paths.length === 0) throw forbidden("Chức năng này dành cho cán bộ và quản trị viên Hội.");
    unitless = await isProvinceAdmin(db, auth);
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const q = query.q?.trim() ?? "";
  const pattern = q ? likeFolded(q) : null;
  const digits = q ? phoneDigits(q) : null;
  // A sealed number is found by its blind index, so only when typed in full; part of one matches unsealed rows only.
  const whole = digits ? normalizeVietnamPhone(q) : null;

  let sel = db
    .selectFrom("members as m")
    .leftJoin("units as u", "u.id", "m.unit_id")
    .select(["m.id", "m.name", "m.phone", "m.phone_enc", "m.unit_id", "u.name as unit_name", "m.membership_status"])
    .where((eb) => {
      const inScope = eb.or(paths.map((p) => eb("u.path", "like", `${p}%`)));
      return unitless ? eb.or([inScope, eb("m.unit_id", "is", null)]) : inScope;
    });
  if (query.status) sel = sel.where("m.membership_status", "=", query.status);
  if (pattern || digits) {
    sel = sel.where((eb) => {
      const any = [];
      if (pattern) {
        any.push(eb(foldedSql(sql.ref("m.name")), "like", pattern));
        any.push(eb("u.search_text", "like", pattern));
      }
      if (digits) any.push(eb("m.phone", "like", `%${digits}%`));
      if (whole) any.push(eb("m.phone_hmac", "in", phoneIndexes(ring, whole)));
      return eb.or(any);
    });
  }
  // A hit on her own name ranks above a hit on her unit's name.
  if (pattern) sel = sel.orderBy(sql<boolean>`${foldedSql(sql.ref("m.name"))} LIKE ${pattern}`, "desc");
  const rows = await sel
    .orderBy(sql`m.membership_status = 'pending'`, "desc")
    .orderBy("m.name")
    .orderBy("m.id")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const roles = ids.length ? (await selectRoles(db).where("r.member_id", "in", ids).execute()).map(toAdminRole) : [];
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      phone: readPhone(ring, r.phone_enc, r.phone),
      unitId: r.unit_id,
      unitName: r.unit_name ?? null,
      membershipStatus: r.membership_status,
      roles: roles.filter((x) => x.memberId === r.id),
    })),
    truncated: rows.length > limit,
  };
}
