import {
  FeedbackErrorCode,
  foldedWords,
  foldVietnamese,
  normalizeTrackingCode,
  unitAtOrAbove,
  type Destination,
  type MySubmission,
  type SignedPetition,
  type SimilarItem,
  type SubmissionView,
} from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { badRequest, notFound, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { memberLanguage } from "../../i18n/member.js";
import { topAssignment } from "./petitions.js";
import { proofOf } from "./proof.js";
import { ratingOf } from "./rating.js";
import { decideRouting } from "./routing-decision.js";
import { authorEventText } from "./timeline.js";
import { unitChain } from "./units.js";

const excerpt = (body: string, n = 160) => (body.length > n ? `${body.slice(0, n - 1).trimEnd()}…` : body);

export async function listMine(deps: AppDeps, auth: AuthContext, limit = 30, offset = 0): Promise<MySubmission[]> {
  const rows = await deps.db
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .select(["s.id", "s.tracking_code", "s.kind", "s.category_code", "c.name as category_name", "s.body", "s.status", "s.anonymous", "s.sensitive", "u.name as unit_name", "s.created_at", "s.updated_at"])
    .where("s.author_id", "=", auth.memberId)
    .orderBy("s.created_at", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    ...itemSummary(r),
    anonymous: r.anonymous,
    sensitive: r.sensitive,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/**
 * Other women's petitions she co-signed, most recently signed first. Her own petitions are in listMine (sending one
 * signs it); a petition that has since become private is left out, like everywhere else.
 */
export async function listSigned(deps: AppDeps, auth: AuthContext, limit = 30, offset = 0): Promise<SignedPetition[]> {
  const rows = await deps.db
    .selectFrom("petition_signatures as p")
    .innerJoin("submissions as s", "s.id", "p.submission_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .select(["s.id", "s.tracking_code", "s.kind", "s.category_code", "c.name as category_name", "s.body", "s.status", "u.name as unit_name"])
    .select(["s.signature_count", "s.petition_state", "p.signed_at"])
    .where("p.member_id", "=", auth.memberId)
    .where("s.author_id", "!=", auth.memberId)
    .where("s.sensitive", "=", false)
    .orderBy("p.signed_at", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    ...itemSummary(r),
    signatureCount: r.signature_count,
    petitionState: r.petition_state ?? "open",
    signedAt: r.signed_at.toISOString(),
  }));
}

/**
 * Where an item would go if she sent it now: the same rules and the same pure decision as the route job, so the form
 * names the unit that will really receive it (a chi hội's matter may well be handled by the xã).
 */
export async function previewDestination(deps: AppDeps, categoryCode: string, unitId: string, sensitive: boolean): Promise<Destination> {
  const category = await deps.db.selectFrom("categories").selectAll().where("code", "=", categoryCode).where("active", "=", true).executeTakeFirst();
  if (!category) throw badRequest("Lĩnh vực này không có trong danh sách, chị vui lòng chọn lại.", "category", FeedbackErrorCode.CATEGORY_NOT_FOUND);
  const chain = await unitChain(deps.db, unitId);
  if (chain.length === 0) throw unitNotFound();
  const rules = await deps.db.selectFrom("routing_rules").selectAll().where("category_code", "=", categoryCode).where("active", "=", true).execute();
  const decision = decideRouting(category, rules, chain, sensitive);
  const unit = chain.find((u) => u.id === decision.unitId) ?? unitAtOrAbove(chain, "xa");
  return { unitId: unit.id, unitName: unit.name, level: unit.level };
}

/**
 * The author sees her whole item and every event meant for her. Anyone else may open only a non-sensitive petition
 * (to read before co-signing), and then only its public events; nobody's identity is part of this view.
 * Cán bộ read items through their assignments (GET /assignments/:id), where privacy rules and auditing apply.
 */
export async function viewSubmission(deps: AppDeps, auth: AuthContext, id: string): Promise<SubmissionView> {
  const s = await deps.db
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .selectAll("s")
    .select(["c.name as category_name", "u.name as unit_name"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  const mine = s?.author_id === auth.memberId;
  if (!s || (!mine && (s.kind !== "petition" || s.sensitive))) throw notFound("Không tìm thấy nội dung này.");

  const events = await deps.db
    .selectFrom("submission_events as e")
    .leftJoin("units as u", "u.id", "e.unit_id")
    .select(["e.id", "e.type", "e.message_type", "e.params", "e.public", "e.created_at", "u.name as unit_name"])
    .where("e.submission_id", "=", s.id)
    .where(mine ? "e.visible_to_author" : "e.public", "=", true)
    .orderBy("e.id")
    .execute();
  const lang = await memberLanguage(deps.db, auth.memberId);
  const handling = await deps.db
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.unit_id", "u.name"])
    .where("a.submission_id", "=", s.id)
    .where("a.closed", "=", false)
    .orderBy("a.created_at")
    .execute();
  const media = mine
    ? await deps.db.selectFrom("submission_media").select(["media_id", "kind"]).where("submission_id", "=", s.id).orderBy("sort").execute()
    : [];
  const rating = mine ? await ratingOf(deps.db, s.id) : null;
  const proof = await proofOf(deps.db, events.map((e) => Number(e.id)));
  let petition: SubmissionView["petition"] = null;
  if (s.kind === "petition" && s.petition_state && s.petition_deadline) {
    const top = await deps.db.transaction().execute((tx) => topAssignment(tx, s.id));
    const signed = await deps.db
      .selectFrom("petition_signatures")
      .select("member_id")
      .where("submission_id", "=", s.id)
      .where("member_id", "=", auth.memberId)
      .executeTakeFirst();
    petition = {
      state: s.petition_state,
      signatureCount: s.signature_count,
      threshold: s.petition_threshold ?? 0,
      deadline: s.petition_deadline.toISOString(),
      level: top?.level ?? "xa",
      signedByMe: Boolean(signed),
    };
  }
  return {
    id: s.id,
    trackingCode: s.tracking_code,
    kind: s.kind,
    category: s.category_code,
    categoryName: s.category_name,
    body: s.body,
    status: s.status,
    anonymous: s.anonymous,
    sensitive: s.sensitive,
    mine,
    originUnitId: s.origin_unit_id,
    originUnitName: s.unit_name,
    handlingUnits: handling.map((h) => ({ unitId: h.unit_id, unitName: h.name })),
    media: media.map((m) => ({ id: m.media_id, kind: m.kind })),
    petition,
    followUpOpen: mine && s.status === "resolved" && s.follow_up_asked_at !== null && s.follow_up_answer === null,
    channel: s.channel,
    rating,
    legalRoute: s.legal_route,
    ratingOpen: mine && rating === null && s.legal_route === null && (s.status === "resolved" || s.status === "closed") && s.resolved_assignment_id !== null,
    timeline: events.map((e) => ({
      id: e.id,
      type: e.type,
      message: authorEventText(lang, e),
      unitName: e.unit_name,
      public: e.public,
      at: e.created_at.toISOString(),
      proof: proof.get(Number(e.id)) ?? [],
    })),
    createdAt: s.created_at.toISOString(),
  };
}

/**
 * Her own item, or a petition she co-signed, by the code she wrote down; anyone else's code answers exactly like an
 * unknown one.
 */
export async function trackByCode(deps: AppDeps, auth: AuthContext, code: string): Promise<SubmissionView> {
  const canonical = normalizeTrackingCode(code);
  const missing = () => notFound("Không tìm thấy mã theo dõi này. Chị vui lòng kiểm tra lại mã.");
  if (!canonical) throw missing();
  const row = await deps.db
    .selectFrom("submissions as s")
    .select("s.id")
    .where("s.tracking_code", "=", canonical)
    .where((eb) =>
      eb.or([
        eb("s.author_id", "=", auth.memberId),
        eb.and([
          eb("s.sensitive", "=", false),
          eb.exists(eb.selectFrom("petition_signatures as p").select("p.member_id").whereRef("p.submission_id", "=", "s.id").where("p.member_id", "=", auth.memberId)),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw missing();
  return viewSubmission(deps, auth, row.id);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Open, non-sensitive items of the same commune (the xã of the chosen unit) resembling what she is typing, with or
 * without diacritics: trigram word similarity on the folded text, or a plain substring match. Only an excerpt and
 * the code are shown, never who sent it.
 */
export async function findSimilar(deps: AppDeps, auth: AuthContext, q: string, unitId: string): Promise<SimilarItem[]> {
  const chain = await unitChain(deps.db, unitId);
  if (chain.length === 0) throw unitNotFound();
  const commune = unitAtOrAbove(chain, "xa");
  const folded = foldVietnamese(q);
  if (folded.length < 2) return [];
  // Each typed word may be misspelt or unaccented; most of them must be found (fuzzily) in the item's text.
  const words = [...new Set(foldedWords(q).filter((x) => x.length >= 2))].slice(0, 8);
  const needed = Math.max(1, Math.ceil(words.length * 0.6));
  const matched = sql<number>`(SELECT count(*)::int FROM unnest(${sql.val(words)}::text[]) AS w WHERE w <% s.search_text)`;
  const rows = await deps.db
    .selectFrom("submissions as s")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .select([
      "s.id",
      "s.tracking_code",
      "s.kind",
      "s.category_code",
      "c.name as category_name",
      "s.body",
      "s.status",
      "u.name as unit_name",
      "s.signature_count",
      "s.petition_state",
      "s.created_at",
      matched.as("matched"),
      sql<number>`word_similarity(${folded}, s.search_text)`.as("score"),
      sql<boolean>`EXISTS (SELECT 1 FROM petition_signatures p WHERE p.submission_id = s.id AND p.member_id = ${auth.memberId})`.as("signed_by_me"),
    ])
    .where("u.path", "like", `${escapeLike(commune.path)}%`)
    .where("s.sensitive", "=", false)
    .where("s.status", "not in", ["resolved", "closed"])
    .where((eb) =>
      eb.or([sql<boolean>`${folded} <% s.search_text`, eb("s.search_text", "like", `%${escapeLike(folded)}%`), sql<boolean>`${matched} >= ${needed}`]),
    )
    .orderBy("matched", "desc")
    .orderBy("score", "desc")
    .orderBy("s.created_at", "desc")
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    trackingCode: r.tracking_code,
    kind: r.kind,
    category: r.category_code,
    categoryName: r.category_name,
    excerpt: excerpt(r.body, 200),
    status: r.status,
    unitName: r.unit_name,
    signatureCount: r.signature_count,
    petitionOpen: r.petition_state === "open",
    signedByMe: r.signed_by_me,
    createdAt: r.created_at.toISOString(),
  }));
}/** The columns both of her lists select (her items, the petitions she signed), as the Mini App shows them. */
interface SummaryRow {
  id: string;
  tracking_code: string;
  kind: MySubmission["kind"];
  category_code: string;
  category_name: string;
  body: string;
  status: MySubmission["status"];
  unit_name: string;
}

function itemSummary(r: SummaryRow) {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    kind: r.kind,
    category: r.category_code,
    categoryName: r.category_name,
    excerpt: excerpt(r.body),
    status: r.status,
    originUnitName: r.unit_name,
  };
}


