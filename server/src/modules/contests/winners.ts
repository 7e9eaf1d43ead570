import { readPhone, sealPhone, type PhoneKeyring } from "../../privacy/phones.js";
import type { WinnerConfirmation } from "./tables.js";
import { assignPrizes, ContestErrorCode, normalizeVietnamPhone, prizedRanks, type AdminWinnerList, type WinnerConfirmBody } from "@hoiso/shared";
import { audit, auditRead } from "../../db/audit.js";
import type { AppDeps } from "../../deps.js";
import type { Db } from "../../db/pool.js";
import { AppError, badRequest, conflict } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { contestNotFound, inStaffScope, playerOf, roundNotFound, visibleTo } from "./access.js";
import { lockRound } from "./admin.js";
import { record } from "../notify/outbox.js";
import { enqueueDeliveries } from "../notify/queue.js";
import { roundLink } from "./links.js";
import { finalizeRound, upToRank } from "./ranking.js";


/**
 * Winners by the contest's rule: once the round is over (closed by time or by the organisers), it is finalised (the
 * prediction figure counted) and the prize tiers go to the ranks in order (`prizeTierOf`: tied entries share a prize). Picking again replaces the list
 * (confirmations of those still winning are kept).
 *
 * Each winner is told once (in-app, and on Zalo where notify may reach her) to confirm her identity: recorded in the same
 * transaction with a fixed key per round, so picking again tells only a newcomer to the list; queued after the commit,
 * and notify's outbox reconciler queues what could not be.
 */
export async function pickWinners(deps: AppDeps, auth: AuthContext, id: string, roundId: string, now = new Date()): Promise<{ winners: number }> {
  const { winners, deliveries } = await deps.db.transaction().execute(async (tx) => {
    const { c, r } = await lockRound(tx, auth, id, roundId);
    if (c.kind !== "contest" || c.status === "draft") throw conflict("Cuộc thi chưa công bố.", ContestErrorCode.CONTEST_NOT_EDITABLE);
    if (!r.closed_at && r.closes_at.getTime() > now.getTime()) {
      throw conflict("Đợt thi chưa kết thúc: chị kết thúc đợt trước khi chọn người đoạt giải.", ContestErrorCode.CONTEST_ROUND_OPEN);
    }
    await finalizeRound(tx, roundId, now);
    const tiers = c.prize_tiers;
    // prizes go by rank, so women tied on every step of the rule share one (and a tie on the last prized rank widens the list)
    const prizes = assignPrizes(tiers, await upToRank(tx, roundId, prizedRanks(tiers)));
    const keep = prizes.map((p) => p.entry.memberId);
    let del = tx.deleteFrom("contest_winners").where("round_id", "=", roundId);
    if (keep.length > 0) del = del.where("member_id", "not in", keep);
    await del.execute();
    if (prizes.length > 0) {
      await tx
        .insertInto("contest_winners")
        .values(prizes.map((p) => ({ round_id: roundId, member_id: p.entry.memberId, tier: p.tier, label: p.label, rank: p.entry.rank })))
        .onConflict((oc) => oc.columns(["round_id", "member_id"]).doUpdateSet((eb) => ({ tier: eb.ref("excluded.tier"), label: eb.ref("excluded.label"), rank: eb.ref("excluded.rank") })))
        .execute();
    }
    await tx.updateTable("contest_rounds").set({ winners_picked_at: now }).where("id", "=", roundId).execute();
    const deliveries = await record(tx, {
      source: { module: "contests", id: roundId },
      key: "winner",
      recipients: prizes.map((p) => ({ memberId: p.entry.memberId, type: "contests.winner", params: { title: c.title, round: r.title, label: p.label }, link: roundLink(id, roundId) /* where she confirms who she is: her result, the winners, the form */ })),
    });
    await audit(tx, { actorId: auth.memberId, action: "contest.winners", entityType: "contest", entityId: id, detail: { roundId, winners: prizes.length } });
    return { winners: prizes.length, deliveries };
  });
  await enqueueDeliveries(deps, deliveries);
  return { winners };
}

/** The organisers' list: full phone numbers and what each winner gave to confirm who she is (an audited read). */
export async function adminWinners(db: Db, ring: PhoneKeyring, auth: AuthContext, id: string, roundId: string): Promise<AdminWinnerList> {
  const c = await db.selectFrom("contests as c").select("c.id").where("c.id", "=", id).where(inStaffScope(auth)).executeTakeFirst();
  if (!c) throw contestNotFound();
  const rows = await db
    .selectFrom("contest_winners as w")
    .innerJoin("contest_rounds as r", "r.id", "w.round_id")
    .innerJoin("members as m", "m.id", "w.member_id")
    .leftJoin("units as u", "u.id", "m.unit_id")
    .innerJoin("contest_entries as e", (j) => j.onRef("e.round_id", "=", "w.round_id").onRef("e.member_id", "=", "w.member_id"))
    .select(["w.member_id", "w.tier", "w.label", "w.rank", "w.confirmed_at", "w.confirmation", "m.name", "m.phone", "m.phone_enc", "u.name as unitName", "e.correct", "e.duration_ms"])
    .where("w.round_id", "=", roundId)
    .where("r.contest_id", "=", id)
    .orderBy("w.rank")
    .orderBy("w.member_id")
    .execute();
  await auditRead(db, { actorId: auth.memberId, action: "contest.winners.read", entityType: "contest", entityId: id, detail: { roundId, winners: rows.length } });
  return {
    roundId,
    items: rows.map((w) => ({
      memberId: w.member_id,
      tier: w.tier,
      label: w.label,
      rank: w.rank,
      name: w.name,
      unitName: w.unitName ?? "",
      phone: readPhone(ring, w.phone_enc, w.phone),
      correct: w.correct,
      durationMs: w.duration_ms,
      confirmed: w.confirmed_at !== null,
      confirmation: w.confirmation && w.confirmed_at ? openConfirmation(ring, w.confirmation, w.confirmed_at) : null,
    })),
  };
}

/** A stored confirmation as the organisers read it: the number opened (sealed since migration 130, plain before). */
function openConfirmation(ring: PhoneKeyring, c: WinnerConfirmation, at: Date) {
  return { fullName: c.fullName, phone: readPhone(ring, c.phoneSealed, c.phone) ?? "", idNumber: c.idNumber, address: c.address, at: at.toISOString() };
}

/** A winner tells the organisers who she is (full name, phone, citizen ID, address), for the prize to reach her. */
export async function confirmWinner(db: Db, ring: PhoneKeyring, memberId: string, contestId: string, body: WinnerConfirmBody, now = new Date()): Promise<void> {
  const player = await playerOf(db, memberId);
  const phone = normalizeVietnamPhone(body.phone);
  if (!phone) throw badRequest("Số điện thoại chưa đúng, chị kiểm tra lại giúp.", "phone");
  const idNumber = body.idNumber.replace(/\s+/g, "");
  if (!/^\d{9}(\d{3})?$/.test(idNumber)) throw badRequest("Số căn cước công dân gồm 12 chữ số (hoặc CMND 9 chữ số).", "idNumber");
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom("contest_rounds as r")
      .innerJoin("contests as c", "c.id", "r.contest_id")
      .select("r.id")
      .where("r.id", "=", body.roundId.toLowerCase())
      .where("c.id", "=", contestId)
      .where(visibleTo(player.units))
      .executeTakeFirst();
    if (!r) throw roundNotFound();
    const confirmation: WinnerConfirmation = { fullName: body.fullName.trim(), phoneSealed: sealPhone(ring, phone), idNumber, address: body.address.trim() };
    const done = await tx
      .updateTable("contest_winners")
      .set({ confirmation: JSON.stringify(confirmation), confirmed_at: now })
      .where("round_id", "=", r.id)
      .where("member_id", "=", memberId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new AppError(403, ContestErrorCode.CONTEST_NOT_WINNER, "Chỉ người đoạt giải mới cần xác nhận thông tin.");
  });
}
