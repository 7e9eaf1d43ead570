import { CONTENT_LIMITS, ContentErrorCode, isProfileTag } from "@hoiso/shared";
import type { Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertOwnMedia } from "../media/service.js";
import { hasRoleOver, unitPath } from "../../policy/policy.js";

type Tx = Transaction<DB>;

export const tooLong = (what: string, max: number, field: string) =>
  badRequest(`${what} dài quá ${max.toLocaleString("vi-VN")} ký tự, chị vui lòng rút gọn.`, field, ContentErrorCode.CONTENT_TOO_LONG);

/** Her roles must cover the unit (cán bộ or admin over its subtree). */
export async function assertPublisher(tx: Tx, auth: AuthContext, unitId: string): Promise<string> {
  const path = await unitPath(tx, unitId);
  if (!hasRoleOver(auth, path)) throw forbidden("Chị chỉ đăng được nội dung cho đơn vị trong phạm vi phụ trách của chị.");
  return path;
}

/**
 * Who an item is for: the publishing unit (in her scope) and target units inside its subtree. Returns the stored
 * targets and the audience (the targets, or the publishing unit when none).
 */
export async function checkAudience(tx: Tx, auth: AuthContext, unitId: string, targetUnitIds: readonly string[] = []): Promise<{ targets: string[]; audience: string[] }> {
  const path = await assertPublisher(tx, auth, unitId);
  const targets = [...new Set(targetUnitIds.map((t) => t.toLowerCase()))];
  if (targets.length > 0) {
    const rows = await tx.selectFrom("units").select(["id", "path", "active"]).where("id", "in", targets).execute();
    const ok = new Set(rows.filter((r) => r.active && r.path.startsWith(path)).map((r) => r.id));
    if (targets.some((t) => !ok.has(t))) {
      throw badRequest("Chị chỉ chọn được các đơn vị trực thuộc đơn vị đăng bài.", "targetUnitIds", ContentErrorCode.CONTENT_TARGET_OUT_OF_SCOPE);
    }
  }
  return { targets, audience: targets.length > 0 ? targets : [unitId] };
}

/** Target tags of an item: of the vocabulary, each once, sorted (so equal targets compare equal). */
export function checkTags(tags: readonly string[] = []): string[] {
  const out = [...new Set(tags)].sort();
  if (out.length > CONTENT_LIMITS.tagsMax) throw badRequest(`Chị chọn tối đa ${CONTENT_LIMITS.tagsMax} nhãn.`, "tags");
  if (!out.every(isProfileTag)) throw unknownTag("tags");
  return out;
}

export const unknownTag = (field: string) =>
  badRequest("Có nhãn không nằm trong danh sách nhãn của Hội (dân tộc, độ tuổi, hoàn cảnh). Chị vui lòng chọn lại.", field, ContentErrorCode.PROFILE_TAG_UNKNOWN);

/**
 * A media id newly set on an item must be her own upload of the right kind; one already on the item (a colleague's)
 * may stay. `keep` holds the ids the item has now.
 */
export async function checkMedia(tx: Tx, auth: AuthContext, id: string | null | undefined, kind: "image" | "audio", keep: ReadonlySet<string>, field: string): Promise<string | null> {
  if (!id) return null;
  const lower = id.toLowerCase();
  if (keep.has(lower)) return lower;
  const bad = () =>
    badRequest(
      kind === "image" ? "Ảnh bìa phải là ảnh chị vừa tải lên." : "Bài đọc phải là tệp âm thanh chị vừa tải lên.",
      field,
      ContentErrorCode.CONTENT_MEDIA_INVALID,
    );
  const [m] = await assertOwnMedia(tx, auth.memberId, [lower]).catch((err: unknown) => {
    throw err instanceof AppError ? bad() : err;
  });
  if (!m || m.kind !== kind) throw bad();
  return m.id;
}
