import { ErrorCode, normalizeVietnamPhone, type Language, type SessionResponse } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import { AppError, badRequest, notFound, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { exchangePhoneToken, fetchProfile } from "../../zalo/graph.js";
import { sealedColumns } from "../../privacy/phones.js";
import { ZaloApiError } from "../../zalo/http.js";
import { linkOaUser } from "../zalo/link.js";
import { assertRoleOver } from "../../policy/policy.js";
import { loadMe, upsertMember, type ZaloIdentity } from "./members.js";
import { createSession } from "./sessions.js";

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "23505";

/** A brand-new woman tapping "Đăng nhập" twice races two inserts; the loser simply finds the winner's row. */
async function upsertWithRetry(deps: AppDeps, who: ZaloIdentity): Promise<string> {
  try {
    return await upsertMember(deps.db, who);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return upsertMember(deps.db, who);
  }
}

function zaloError(err: unknown): never {
  if (err instanceof ZaloApiError) {
    throw new AppError(401, ErrorCode.ZALO_TOKEN_INVALID, "Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn. Chị vui lòng mở lại ứng dụng.");
  }
  throw new AppError(503, ErrorCode.ZALO_UNAVAILABLE, "Chưa kết nối được với Zalo, chị vui lòng thử lại sau ít phút.");
}

async function session(deps: AppDeps, memberId: string): Promise<SessionResponse> {
  const token = await createSession(deps.db, memberId, deps.config.sessionTtlHours);
  return { token, me: await loadMe(deps.db, deps.config.phoneKeys, memberId) };
}

/**
 * `_claimedIdByOA` (what the Mini App says her OA id is) is deliberately unused: anyone can send anyone's. The OA id
 * is linked only from Graph's answer for her own token, or later from a code she sends to the OA chat.
 */
export async function loginWithZalo(deps: AppDeps, accessToken: string, _claimedIdByOA?: string): Promise<SessionResponse> {
  const profile = await fetchProfile(deps.config.zalo, accessToken).catch(zaloError);
  const oaUserId = profile.oaUserId ?? undefined;
  const memberId = await upsertWithRetry(deps, { appUserId: profile.id, oaUserId, name: profile.name, avatar: profile.avatar });
  if (oaUserId) await deps.db.transaction().execute((tx) => linkOaUser(tx, memberId, oaUserId, "graph"));
  return session(deps, memberId);
}

/** Only outside production: zmp-sdk gives an empty token in a desktop browser on localhost. */
export async function devLogin(deps: AppDeps, name: string, zaloId?: string): Promise<SessionResponse> {
  if (!deps.config.devLogin) {
    throw new AppError(403, ErrorCode.DEV_LOGIN_DISABLED, "Đăng nhập thử nghiệm không được bật trên hệ thống này.");
  }
  const memberId = await upsertWithRetry(deps, { appUserId: `dev-${zaloId ?? name}`, name, avatar: null });
  return session(deps, memberId);
}

export async function savePhone(deps: AppDeps, auth: AuthContext, accessToken: string, token: string): Promise<void> {
  const answered = await exchangePhoneToken(deps.config.zalo, accessToken, token).catch(zaloError);
  const number = normalizeVietnamPhone(answered);
  if (!number) throw badRequest("Số điện thoại Zalo gửi về không phải số Việt Nam hợp lệ, chị vui lòng kiểm tra lại số trong Zalo.", "token", ErrorCode.PHONE_INVALID);
  const sealed = sealedColumns(deps.config.phoneKeys, number);
  await deps.db.updateTable("members").set({ phone: null, phone_enc: sealed.enc, phone_hmac: sealed.hmac, updated_at: new Date() }).where("id", "=", auth.memberId).execute();
}

/** A woman names her chi hội (or xã); a cán bộ there confirms her before she counts as a member. */
export async function chooseUnit(deps: AppDeps, auth: AuthContext, unitId: string): Promise<void> {
  const unit = await deps.db.selectFrom("units").select(["level", "active"]).where("id", "=", unitId).executeTakeFirst();
  if (!unit) throw unitNotFound();
  if (!unit.active) throw badRequest("Đơn vị này đã được sáp nhập hoặc ngừng hoạt động, chị vui lòng chọn đơn vị mới.", "unitId");
  if (unit.level === "tinh") throw badRequest("Chị vui lòng chọn xã/phường hoặc chi hội nơi chị sinh hoạt.", "unitId");
  const now = new Date();
  await deps.db
    .updateTable("members")
    .set({
      unit_id: unitId,
      membership_status: "pending",
      membership_requested_at: now,
      membership_confirmed_by: null,
      membership_confirmed_at: null,
      updated_at: now,
    })
    .where("id", "=", auth.memberId)
    .where((eb) => eb.or([eb("unit_id", "is", null), eb("unit_id", "!=", unitId)]))
    .execute();
}

/** Her choice applies to the app and to every notification written out from now on (texts are formatted when read or sent). */
export async function chooseLanguage(deps: AppDeps, auth: AuthContext, language: Language): Promise<void> {
  await deps.db.updateTable("members").set({ language, updated_at: new Date() }).where("id", "=", auth.memberId).execute();
}

export async function listPendingMembers(deps: AppDeps, auth: AuthContext, unitId: string) {
  await assertRoleOver(deps.db, auth, unitId);
  const unitRow = await deps.db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirstOrThrow();
  const rows = await deps.db
    .selectFrom("members")
    .innerJoin("units", "units.id", "members.unit_id")
    .select(["members.id", "members.name", "members.unit_id", "units.name as unit_name", "members.membership_requested_at"])
    .where("members.membership_status", "=", "pending")
    .where("units.path", "like", `${unitRow.path}%`)
    .orderBy("members.membership_requested_at")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitId: r.unit_id as string,
    unitName: r.unit_name,
    requestedAt: (r.membership_requested_at ?? new Date()).toISOString(),
  }));
}

export async function confirmMember(deps: AppDeps, auth: AuthContext, memberId: string): Promise<void> {
  const m = await deps.db.selectFrom("members").select(["unit_id", "membership_status"]).where("id", "=", memberId).executeTakeFirst();
  if (!m) throw notFound("Không tìm thấy hội viên.");
  if (!m.unit_id) throw badRequest("Hội viên chưa chọn đơn vị.", "memberId");
  await assertRoleOver(deps.db, auth, m.unit_id);
  if (m.membership_status === "confirmed") return;
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("members")
      .set({ membership_status: "confirmed", membership_confirmed_by: auth.memberId, membership_confirmed_at: new Date() })
      .where("id", "=", memberId)
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "member.confirm", entityType: "member", entityId: memberId, detail: { unitId: m.unit_id } });
  });
}
