import { mayOfferPublish, PublicRecordErrorCode, type CreateSubmissionBody, type MyPublication } from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";

type Conn = Kysely<DB> | Transaction<DB>;
/** intake.ts's IntakeExtra, restated here so that intake can import this file without a cycle. */
type IntakeExtra = (tx: Transaction<DB>, submission: { id: string; trackingCode: string; now: Date }) => Promise<string[]>;

const notAllowed = () =>
  badRequest(
    "Nội dung ẩn danh, được giữ kín hoặc thuộc lĩnh vực riêng tư không được đăng công khai.",
    "publishConsent",
    PublicRecordErrorCode.PUBLISH_NOT_ALLOWED,
  );

async function categoryPrivate(db: Conn, code: string): Promise<boolean> {
  const c = await db.selectFrom("categories").select("private").where("code", "=", code).executeTakeFirst();
  return c?.private === true;
}

/**
 * Her "yes, it may be published" on the send form, written in the item's own transaction (so the fast intake path is
 * left to items without it). Refused up front for what the form never offers it for; the insert re-checks the stored
 * item, whose sensitivity also follows the category (a category made private meanwhile wins).
 */
export async function publishConsentExtra(deps: AppDeps, body: CreateSubmissionBody): Promise<IntakeExtra | undefined> {
  if (body.publishConsent !== true) return undefined;
  // a petition is public by nature: it has its own page
  const offered = body.kind !== "petition" && mayOfferPublish({ anonymous: body.anonymous === true, sensitive: body.sensitive === true, categoryPrivate: await categoryPrivate(deps.db, body.category) });
  if (!offered) throw notAllowed();
  return async (tx, s) => {
    const r = await sql`
      INSERT INTO submission_publications (submission_id, consent, consent_at)
      SELECT id, true, ${s.now}::timestamptz FROM submissions WHERE id = ${s.id} AND NOT sensitive AND NOT anonymous`.execute(tx);
    if (Number(r.numAffectedRows ?? 0) === 0) throw notAllowed();
    return [];
  };
}

/** Two writes the intake may both want in the item's transaction, one after the other. */
export function bothExtras(a: IntakeExtra | undefined, b: IntakeExtra | undefined): IntakeExtra | undefined {
  if (!a || !b) return a ?? b;
  return async (tx, s) => [...(await a(tx, s)), ...(await b(tx, s))];
}

interface OwnItem {
  id: string;
  anonymous: boolean;
  sensitive: boolean;
  category_private: boolean;
  consent: boolean | null;
  state: MyPublication["state"];
}

async function ownItem(db: Conn, auth: AuthContext, submissionId: string, lock: boolean): Promise<OwnItem> {
  let q = db
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .leftJoin("submission_publications as p", "p.submission_id", "s.id")
    .select(["s.id", "s.anonymous", "s.sensitive", "c.private as category_private", "p.consent", "p.state"])
    .where("s.id", "=", submissionId)
    // her own item, sent in the Mini App (an on-behalf item's author is the cán bộ who entered it)
    .where("s.author_id", "=", auth.memberId)
    .where("s.channel", "=", "mini_app")
    .where("s.kind", "!=", "petition");
  if (lock) q = q.forUpdate("s");
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy nội dung này.");
  return row;
}

function view(i: OwnItem): MyPublication {
  const offered = mayOfferPublish({ anonymous: i.anonymous, sensitive: i.sensitive, categoryPrivate: i.category_private });
  return { offered, consent: offered && i.consent === true, state: i.state ?? null, changeable: offered && i.state !== "published" };
}

export async function myPublication(deps: AppDeps, auth: AuthContext, submissionId: string): Promise<MyPublication> {
  return view(await ownItem(deps.db, auth, submissionId, false));
}

/** She changes her answer while the item is not on the record; once published, a cán bộ has to take it off. */
export async function setPublishConsent(deps: AppDeps, auth: AuthContext, submissionId: string, consent: boolean): Promise<MyPublication> {
  return deps.db.transaction().execute(async (tx) => {
    const item = await ownItem(tx, auth, submissionId, true);
    if (!view(item).offered) throw notAllowed();
    if (item.state === "published") {
      throw new AppError(409, PublicRecordErrorCode.PUBLISH_ALREADY_PUBLISHED, "Nội dung đã được đăng công khai. Chị liên hệ cán bộ Hội nếu muốn gỡ xuống.");
    }
    const now = new Date();
    await tx
      .insertInto("submission_publications")
      .values({ submission_id: item.id, consent, consent_at: now })
      .onConflict((oc) => oc.column("submission_id").doUpdateSet({ consent, consent_at: now }))
      .execute();
    return view({ ...item, consent, state: item.state ?? "pending" });
  });
}
