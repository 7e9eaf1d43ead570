import { BroadcastErrorCode, isProfileTag, type BroadcastAudience, type BroadcastChannel, type BroadcastWho, type Language } from "@hoiso/shared";
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { badRequest, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { hasRoleOver, unitPath } from "../../policy/policy.js";
import { tagsAdmitSql } from "../content/access.js";
import type { NotifySettings } from "../notify/settings.js";

type Conn = Db | Transaction<DB>;

/** An audience checked against her scope, as stored on the announcement. */
export interface ResolvedAudience {
  unitId: string;
  targetUnitIds: string[];
  /** Paths whose subtrees are the audience's units. */
  paths: string[];
  who: BroadcastWho;
  languages: Language[];
  channels: BroadcastChannel[];
  urgent: boolean;
  tags: string[];
}

/**
 * The sending unit must be under one of her roles (403), and every chosen unit inside the sending unit's subtree:
 * one she does not cover at all is 403 (outside her subtree), one she covers but outside the sending unit is 400.
 * The template channel is for urgent announcements only.
 */
export async function resolveAudience(db: Conn, auth: AuthContext, a: BroadcastAudience): Promise<ResolvedAudience> {
  const path = await unitPath(db, a.unitId);
  if (!hasRoleOver(auth, path)) throw forbidden("Chị chỉ gửi được thông báo cho đơn vị trong phạm vi phụ trách của chị.");
  const targets = [...new Set((a.targetUnitIds ?? []).map((t) => t.toLowerCase()))];
  let paths = [path];
  if (targets.length > 0) {
    const rows = await db.selectFrom("units").select(["id", "path", "active"]).where("id", "in", targets).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const t of targets) {
      const u = byId.get(t);
      if (u && !hasRoleOver(auth, u.path)) throw forbidden("Đơn vị chị chọn nằm ngoài phạm vi phụ trách của chị.");
      if (!u || !u.active || !u.path.startsWith(path)) {
        throw badRequest("Chị chỉ chọn được các đơn vị đang hoạt động trực thuộc đơn vị gửi.", "targetUnitIds", BroadcastErrorCode.BROADCAST_TARGET_OUT_OF_SCOPE);
      }
    }
    // a unit inside another chosen one adds nobody
    paths = rows.map((r) => r.path).filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
  }
  const channels: BroadcastChannel[] = [...new Set(a.channels ?? (["oa"] as const))];
  const urgent = a.urgent === true;
  if (channels.includes("zns") && !urgent) {
    throw badRequest("Tin nhắn mẫu (ZNS) chỉ dùng cho thông báo khẩn.", "channels", BroadcastErrorCode.BROADCAST_CHANNEL_INVALID);
  }
  const tags = [...new Set(a.tags ?? [])];
  if (tags.some((t) => !isProfileTag(t))) {
    throw badRequest("Có nhãn không nằm trong danh sách nhãn của Hội (dân tộc, độ tuổi, hoàn cảnh). Chị vui lòng chọn lại.", "tags", BroadcastErrorCode.BROADCAST_TAG_UNKNOWN);
  }
  return { unitId: a.unitId, targetUnitIds: targets, paths, who: a.who ?? "all", languages: [...new Set(a.languages ?? [])], channels, urgent, tags };
}

/** What the SQL needs of an audience (a stored announcement or one being previewed). */
export interface AudienceSql {
  paths: string[];
  who: BroadcastWho;
  languages: string[];
  channels: string[];
  /** Profile tags the audience is narrowed to (the content rule, tagsAdmitSql); empty = everyone. */
  tags: string[];
}

/**
 * Members of the audience, as a condition on `m` (members) joined to `u` (her unit). A member who never chose a
 * language reads Vietnamese. Profile tags narrow it by the one rule content uses (tagsAdmitSql over m.profile_tags).
 */
export function inAudience(a: AudienceSql): RawBuilder<boolean> {
  const who =
    a.who === "members"
      ? sql`m.membership_status = 'confirmed'`
      : a.who === "can_bo"
        ? sql`EXISTS (SELECT 1 FROM roles r WHERE r.member_id = m.id)`
        : sql`true`;
  const lang = a.languages.length > 0 ? sql`coalesce(m.language, 'vi') = ANY (${sql.val(a.languages)}::text[])` : sql`true`;
  const tags = a.tags.length > 0 ? tagsAdmitSql(sql<string[]>`${sql.val(a.tags)}::text[]`, sql<string[]>`m.profile_tags`) : sql`true`;
  return sql<boolean>`(u.path LIKE ANY (${sql.val(a.paths.map((p) => `${p}%`))}::text[]) AND ${who} AND ${lang} AND ${tags})`;
}

/**
 * Per member (`m`, with `oi` her oa_interactions row left-joined), why each Zalo channel cannot reach her now, or
 * NULL when it can: `oa_reason`, `zns_reason` (a BroadcastSkipReason). A template message goes only to a member the
 * OA message cannot reach ("by_oa" otherwise): it costs money, and it is the fallback.
 */
export function channelReasons(a: AudienceSql, s: Pick<NotifySettings, "csWindowHours" | "templateId">): RawBuilder<unknown> {
  const oa = a.channels.includes("oa");
  const zns = a.channels.includes("zns");
  const oaReason = oa
    ? sql`CASE WHEN m.zalo_oa_user_id IS NULL THEN 'no_oa_id'
               WHEN oi.following = false THEN 'unfollowed'
               WHEN oi.last_interaction_at IS NULL OR oi.last_interaction_at < now() - make_interval(hours => ${s.csWindowHours}) THEN 'outside_window' END`
    : sql`'not_chosen'`;
  const znsReason = zns
    ? sql`CASE WHEN m.phone_enc IS NULL AND (m.phone IS NULL OR m.phone = '') THEN 'no_phone'
               WHEN coalesce((m.consents ->> 'zns')::boolean, false) = false THEN 'no_consent'
               WHEN ${s.templateId === ""} THEN 'no_template' END`
    : sql`'not_chosen'`;
  return sql`CROSS JOIN LATERAL (SELECT ${oaReason}::text AS oa_reason) ro
             CROSS JOIN LATERAL (SELECT CASE WHEN ro.oa_reason IS NULL AND ${zns} THEN 'by_oa' ELSE ${znsReason}::text END AS zns_reason) rz`;
}

/** members m JOIN units u, LEFT JOIN oa_interactions oi: the FROM of every audience query. */
export const audienceFrom = sql`members m JOIN units u ON u.id = m.unit_id LEFT JOIN oa_interactions oi ON oi.oa_user_id = m.zalo_oa_user_id`;
