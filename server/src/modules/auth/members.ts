import { languageOf, type Me } from "@hoiso/shared";
import type { Db } from "../../db/pool.js";
import { notFound } from "../../http/errors.js";
import { readPhone, type PhoneKeyring } from "../../privacy/phones.js";

/** The member as she sees herself: profile, unit, membership and roles. */
export async function loadMe(db: Db, ring: PhoneKeyring, memberId: string): Promise<Me> {
  const m = await db
    .selectFrom("members")
    .leftJoin("units", "units.id", "members.unit_id")
    .select([
      "members.id",
      "members.name",
      "members.avatar",
      "members.phone",
      "members.phone_enc",
      "members.unit_id",
      "units.name as unit_name",
      "members.membership_status",
      "members.language",
    ])
    .where("members.id", "=", memberId)
    .executeTakeFirst();
  if (!m) throw notFound("Không tìm thấy hội viên.");
  const roles = await db
    .selectFrom("roles")
    .innerJoin("units", "units.id", "roles.unit_id")
    .select(["roles.unit_id as unitId", "units.name as unitName", "units.level as unitLevel", "roles.role"])
    .where("roles.member_id", "=", memberId)
    .orderBy("units.path")
    .execute();
  return {
    id: m.id,
    name: m.name,
    avatar: m.avatar,
    phone: readPhone(ring, m.phone_enc, m.phone),
    unitId: m.unit_id,
    unitName: m.unit_name ?? null,
    membershipStatus: m.membership_status,
    roles,
    language: languageOf(m.language),
  };
}

/** Her name until she lets Zalo share it (scope.userInfo). */
export const UNNAMED_MEMBER = "Hội viên";

export interface ZaloIdentity {
  appUserId: string;
  oaUserId?: string | undefined;
  name: string;
  avatar: string | null;
}

/**
 * Finds or creates the member behind a Zalo identity. A woman who first wrote to the OA already has a row keyed by
 * her OA id; logging in to the Mini App with the same idByOA links the two instead of creating a second person.
 */
export async function upsertMember(db: Db, who: ZaloIdentity): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const byApp = await tx.selectFrom("members").select(["id"]).where("zalo_app_user_id", "=", who.appUserId).forUpdate().executeTakeFirst();
    const byOa = who.oaUserId
      ? await tx.selectFrom("members").select(["id", "zalo_app_user_id"]).where("zalo_oa_user_id", "=", who.oaUserId).forUpdate().executeTakeFirst()
      : undefined;
    const now = new Date();
    if (byApp) {
      // No name means she has not (or no longer) allowed scope.userInfo: keep the name we had rather than "Hội viên".
      const patch: Record<string, unknown> = who.name ? { name: who.name, avatar: who.avatar, last_seen_at: now, updated_at: now } : { last_seen_at: now, updated_at: now };
      if (who.oaUserId && (!byOa || byOa.id === byApp.id)) patch.zalo_oa_user_id = who.oaUserId;
      await tx.updateTable("members").set(patch).where("id", "=", byApp.id).execute();
      return byApp.id;
    }
    if (byOa && !byOa.zalo_app_user_id) {
      await tx
        .updateTable("members")
        .set({ zalo_app_user_id: who.appUserId, ...(who.name ? { name: who.name, avatar: who.avatar } : {}), last_seen_at: now, updated_at: now })
        .where("id", "=", byOa.id)
        .execute();
      return byOa.id;
    }
    const row = await tx
      .insertInto("members")
      .values({
        zalo_app_user_id: who.appUserId,
        zalo_oa_user_id: byOa ? null : (who.oaUserId ?? null),
        name: who.name || UNNAMED_MEMBER,
        avatar: who.avatar,
        phone: null,
        unit_id: null,
        membership_requested_at: null,
        membership_confirmed_by: null,
        membership_confirmed_at: null,
        ethnicity: null,
        language: null,
        last_seen_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
