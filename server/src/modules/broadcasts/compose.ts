import { BroadcastErrorCode, type BroadcastWriteBody } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { resolveAudience } from "./audience.js";
import { checkLink } from "./links.js";
import { enqueueExpand } from "./queue.js";

const textInvalid = (msg: string, field: string) => badRequest(msg, field, BroadcastErrorCode.BROADCAST_TEXT_INVALID);

/**
 * Writes the announcement and, after commit, queues its expansion (now, or delayed until its time; the reconciler
 * catches a lost one). Every check comes before anything is written, and the write is one transaction with its audit
 * row: a refused announcement leaves nothing behind and queues nothing.
 */
export async function createBroadcast(deps: AppDeps, auth: AuthContext, body: BroadcastWriteBody): Promise<string> {
  const title = body.title.trim();
  const text = body.body.trim();
  if (!title) throw textInvalid("Chị vui lòng nhập tiêu đề thông báo.", "title");
  if (!text) throw textInvalid("Chị vui lòng nhập nội dung thông báo.", "body");
  const now = new Date();
  let sendAt = now;
  if (body.sendAt !== undefined) {
    sendAt = new Date(body.sendAt);
    if (Number.isNaN(sendAt.getTime())) throw badRequest("Thời điểm gửi không hợp lệ.", "sendAt", BroadcastErrorCode.BROADCAST_TIME_PAST);
    if (sendAt <= now) throw badRequest("Thời điểm gửi đã qua, chị vui lòng chọn một thời điểm sắp tới.", "sendAt", BroadcastErrorCode.BROADCAST_TIME_PAST);
  }
  const scheduled = body.sendAt !== undefined;
  const id = await deps.db.transaction().execute(async (tx) => {
    const a = await resolveAudience(tx, auth, body);
    if (body.link) await checkLink(tx, auth, a.unitId, body.link);
    const row = await tx
      .insertInto("broadcasts")
      .values({
        unit_id: a.unitId,
        author_id: auth.memberId,
        title,
        body: text,
        link_kind: body.link?.kind ?? null,
        link_id: body.link?.id.toLowerCase() ?? null,
        target_unit_ids: a.targetUnitIds,
        target_paths: a.paths,
        target_tags: a.tags,
        who: a.who,
        languages: a.languages,
        channels: a.channels,
        urgent: a.urgent,
        status: scheduled ? "scheduled" : "expanding",
        send_at: sendAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, {
      actorId: auth.memberId,
      action: "broadcasts.create",
      entityType: "broadcasts",
      entityId: row.id,
      detail: { unitId: a.unitId, title, targetUnitIds: a.targetUnitIds, who: a.who, languages: a.languages, channels: a.channels, urgent: a.urgent, tags: a.tags, sendAt: sendAt.toISOString(), link: body.link ?? null },
    });
    return row.id;
  });
  await enqueueExpand(deps, id, scheduled ? sendAt : undefined);
  return id;
}
