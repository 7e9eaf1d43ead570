import { phoneIndexes, readPhone, sealedColumns, type PhoneKeyring } from "../../privacy/phones.js";
import { FeedbackRound2ErrorCode, normalizeVietnamPhone, type OnBehalfBody, type OnBehalfCreated, type OnBehalfInfo } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { record } from "../notify/outbox.js";
import { staffScope } from "./access.js";
import { createSubmission } from "./intake.js";
import { bothExtras, publishConsentExtra } from "./publish-consent.js";

type Conn = Kysely<DB> | Transaction<DB>;

/**
 * An item a woman without a smartphone (or without a signal) gave a cán bộ by phone, in person, on paper or at a
 * meeting. It goes through the same intake as the Mini App's — same checks, routing, deadlines, privacy flags — with
 * the cán bộ as its author (she follows it and tells the woman), plus a row saying so: the channel, the woman's name
 * and phone if she gave them, and her recorded consent. The cán bộ may enter items only about her own units.
 */
export async function enterOnBehalf(deps: AppDeps, auth: AuthContext, body: OnBehalfBody, idempotencyKey?: string): Promise<{ created: OnBehalfCreated; replayed: boolean }> {
  const scope = await staffScope(deps.db, auth);
  if (!scope.isStaff) throw new AppError(403, FeedbackRound2ErrorCode.STAFF_ONLY, "Chức năng này dành cho cán bộ Hội.");
  if (body.consent !== true) {
    throw badRequest("Chị vui lòng hỏi và ghi nhận chị em đồng ý để Hội ghi lại nội dung này.", "consent", FeedbackRound2ErrorCode.CONSENT_REQUIRED);
  }
  const rawPhone = body.womanPhone?.trim() ?? "";
  const phone = rawPhone ? normalizeVietnamPhone(rawPhone) : null;
  if (rawPhone && !phone) throw badRequest("Số điện thoại chưa đúng, chị vui lòng kiểm tra lại.", "womanPhone", FeedbackRound2ErrorCode.PHONE_INVALID);
  if (body.notifyConsent === true && !phone) {
    throw badRequest("Muốn báo tin qua Zalo, chị vui lòng ghi số điện thoại của chị em.", "womanPhone", FeedbackRound2ErrorCode.PHONE_REQUIRED);
  }
  const unit = await deps.db.selectFrom("units").select(["id", "name", "path"]).where("id", "=", body.unitId).executeTakeFirst();
  // Only about her own units (the same subtree rule as her inbox), not the whole commune of her membership.
  if (unit && !scope.paths.some((p) => unit.path.startsWith(p))) throw forbidden("Chị chỉ nhập hộ được nội dung thuộc đơn vị chị phụ trách.");
  const name = body.womanName?.trim() || null;
  let zaloNotice = false;
  const item = { kind: body.kind, category: body.category, body: body.body, unitId: body.unitId, anonymous: body.anonymous, sensitive: body.sensitive, mediaIds: body.mediaIds };
  // Her consent to the public record, under the Mini App's one rule (never anonymous, sensitive or private), in the item's transaction.
  const publishExtra = await publishConsentExtra(deps, { ...item, publishConsent: body.publishConsent === true });

  const { created, replayed } = await createSubmission(
    deps,
    auth,
    item,
    idempotencyKey,
    bothExtras(publishExtra, async (tx, s) => {
      await tx.updateTable("submissions").set({ channel: body.channel }).where("id", "=", s.id).execute();
      const sealed = sealedColumns(deps.config.phoneKeys, phone);
      await tx
        .insertInto("submission_on_behalf")
        .values({ submission_id: s.id, entered_by: auth.memberId, woman_name: name, woman_phone_enc: sealed.enc, woman_phone_hmac: sealed.hmac, consent: true, notify_consent: body.notifyConsent === true, created_at: s.now })
        .execute();
      await audit(tx, {
        actorId: auth.memberId,
        action: "submission.on_behalf",
        entityType: "submission",
        entityId: s.id,
        // never her name or phone in the audit trail: whether they were given is enough
        detail: { channel: body.channel, named: name !== null, phone: phone !== null, notifyConsent: body.notifyConsent === true },
      });
      if (body.notifyConsent !== true || !phone) return [];
      const woman = await tx
        .selectFrom("members")
        .select("id")
        .where((eb) => eb.or([eb("phone_hmac", "in", phoneIndexes(deps.config.phoneKeys, phone)), eb("phone", "=", phone)]))
        .where("id", "!=", auth.memberId)
        .executeTakeFirst();
      if (!woman) return [];
      zaloNotice = true;
      const sensitive = body.sensitive === true || (await isPrivateCategory(tx, body.category));
      return record(tx, {
        source: { module: "feedback", id: s.id },
        key: "on-behalf-received",
        recipients: [
          {
            memberId: woman.id,
            type: "feedback.author.onBehalfReceived",
            params: { kind: body.kind, code: s.trackingCode, unit: unit?.name ?? "" },
            link: "/phan-anh/theo-doi",
            // the same rule as her own private items: never on Zalo, and even in the app only the neutral sentence
            inAppOnly: sensitive,
            discreet: sensitive,
          },
        ],
      });
    }),
  );
  const row = await deps.db
    .selectFrom("submissions as s")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .leftJoin("submission_publications as p", "p.submission_id", "s.id")
    .select(["s.created_at", "u.name", "s.channel", "p.consent"])
    .where("s.id", "=", created.id)
    .executeTakeFirstOrThrow();
  return {
    created: {
      ...created,
      channel: row.channel === "mini_app" ? body.channel : row.channel,
      unitName: row.name,
      createdAt: row.created_at.toISOString(),
      zaloNotice,
      publishConsent: row.consent === true,
    },
    replayed,
  };
}

async function isPrivateCategory(tx: Conn, code: string): Promise<boolean> {
  const c = await tx.selectFrom("categories").select("private").where("code", "=", code).executeTakeFirst();
  return c?.private === true;
}

/**
 * The origin of an on-behalf item as a handling cán bộ sees it: the channel and who entered it always; the woman's
 * name and phone only when the item is not anonymous — the same rule as a Mini App author's identity — and, for an
 * urgent item, never the phone (safety: the number offered is the one she chose).
 */
export async function onBehalfInfo(db: Conn, ring: PhoneKeyring, submission: { id: string; anonymous: boolean; urgent: boolean }): Promise<OnBehalfInfo | null> {
  const r = await db
    .selectFrom("submission_on_behalf as o")
    .innerJoin("submissions as s", "s.id", "o.submission_id")
    .innerJoin("members as m", "m.id", "o.entered_by")
    .select(["s.channel", "m.name as entered_by_name", "o.woman_name", "o.woman_phone", "o.woman_phone_enc", "o.notify_consent"])
    .where("o.submission_id", "=", submission.id)
    .executeTakeFirst();
  if (!r || r.channel === "mini_app") return null;
  return {
    channel: r.channel,
    enteredByName: r.entered_by_name,
    womanName: submission.anonymous ? null : r.woman_name,
    womanPhone: submission.anonymous || submission.urgent ? null : readPhone(ring, r.woman_phone_enc, r.woman_phone),
    notifyConsent: r.notify_consent,
  };
}
