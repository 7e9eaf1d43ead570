import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { LeaderRow, MyRoundResult } from "@hoiso/shared";
import { contestMutations, contestQueries } from "../../api/contests.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { duration, LETTERS } from "./format.js";
import { useQuizT } from "./i18n/index.js";

/** One round for her: her result and ranks, what she got wrong (after the close), the boards, the winners. */
export function RoundPage(): ReactElement {
  const t = useQuizT();
  const { id = "", roundId = "" } = useParams();
  const mine = useQuery(contestQueries.mine(id, roundId));
  return (
    <div className="hs-page" data-testid="round-result">
      <PageHeader title={t("result.title")} back />
      <QueryState query={mine}>{(r) => <Mine r={r} />}</QueryState>
      <Board contestId={id} roundId={roundId} />
      <Winners contestId={id} roundId={roundId} />
    </div>
  );
}

function Mine({ r }: { r: MyRoundResult }): ReactElement {
  const t = useQuizT();
  const letters = (xs: number[]) => xs.map((x) => LETTERS[x] ?? "?").join(", ");
  return (
    <>
      <section className="hs-card hs-quiz-card">
        <span className="hs-card-label">{t(`phase.${r.phase}`)}</span>
        {r.best ? (
          <>
            <p className="hs-quiz-big" data-testid="my-best">{t("result.best", { correct: r.best.correct, total: r.best.total, time: duration(r.best.durationMs) })}</p>
            {r.best.prediction !== null && <span>{t("result.prediction", { value: r.best.prediction })}</span>}
            {r.predictionActual !== null && <span>{t("result.actual", { value: r.predictionActual })}</span>}
            <ul className="hs-quiz-rows" data-testid="my-ranks">
              {([["rankAll", r.ranks.all], ["rankXa", r.ranks.xa], ["rankChiHoi", r.ranks.chiHoi]] as const).map(([k, v]) =>
                v ? (
                  <li key={k} className="hs-quiz-row">
                    <span>{t(`result.${k}`)}</span>
                    <strong>{t("result.rankOf", { rank: v.rank, of: v.of })}</strong>
                  </li>
                ) : null,
              )}
            </ul>
            <span className="hs-muted">{t(`rule.${r.rule}`)}</span>
          </>
        ) : (
          <p className="hs-muted">{t("result.none")}</p>
        )}
        {r.attempts.length > 0 && (
          <>
            <span className="hs-card-label">{t("result.attempts")}</span>
            <ul className="hs-quiz-rows">
              {r.attempts.map((a) => (
                <li key={a.id}>
                  {t("result.attemptRow", {
                    n: a.number,
                    status: a.status === "submitted" ? t("result.status.submitted", { correct: a.correct ?? 0, total: a.total, time: duration(a.durationMs ?? 0) }) : t(`result.status.${a.status}`),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {r.review ? (
        <section className="hs-card hs-quiz-card" data-testid="review">
          <span className="hs-card-title">{t("result.review")}</span>
          {r.review.map((q, i) => (
            <div key={q.questionId} className="hs-quiz-question">
              <span className="hs-card-label">{t("attempt.question", { n: i + 1, total: r.review?.length ?? 0 })}</span>
              <p>{q.prompt}</p>
              <span className={q.right ? "hs-quiz-right" : "hs-quiz-wrong"}>{q.right ? t("result.right") : t("result.wrong")}</span>
              {!q.right && (
                <>
                  <span>{q.picked.length > 0 ? t("result.yourAnswer", { value: q.picked.map((x) => q.choices[x]).join("; ") }) : t("result.noAnswer")}</span>
                  <span>{t("result.rightAnswer", { value: `${letters(q.answer)}. ${q.answer.map((x) => q.choices[x]).join("; ")}` })}</span>
                  {q.explanation && <span className="hs-muted">{t("result.explanation", { text: q.explanation })}</span>}
                </>
              )}
            </div>
          ))}
        </section>
      ) : r.best ? (
        <p className="hs-muted">{t("result.reviewLater")}</p>
      ) : null}
    </>
  );
}

type Scope = "all" | "xa" | "chi_hoi" | "units";

function Row({ row }: { row: LeaderRow }): ReactElement {
  const t = useQuizT();
  return (
    <li className={`hs-quiz-row${row.me ? " hs-quiz-row-me" : ""}`} data-testid={row.me ? "board-me" : "board-row"}>
      <span className="hs-quiz-rank">{row.rank}</span>
      <span>
        {row.me ? `${row.name} (${t("board.you")})` : row.name}
        <br />
        <span className="hs-muted">{`${row.unitName} · ${t("board.row", { correct: row.correct, time: duration(row.durationMs) })}`}</span>
      </span>
    </li>
  );
}

function Board({ contestId, roundId }: { contestId: string; roundId: string }): ReactElement {
  const t = useQuizT();
  const [scope, setScope] = useState<Scope>("all");
  const query = useQuery(contestQueries.board(contestId, { roundId, scope }));
  return (
    <section className="hs-card hs-quiz-card" data-testid="board">
      <span className="hs-card-title">{t("board.title")}</span>
      <div className="hs-segments" role="tablist" aria-label={t("board.title")}>
        {(["all", "xa", "chi_hoi", "units"] as const).map((s) => (
          <button key={s} type="button" role="tab" className="hs-segment" aria-selected={scope === s} onClick={() => setScope(s)}>
            {t(`board.scopes.${s}`)}
          </button>
        ))}
      </div>
      <QueryState query={query}>
        {(b) =>
          scope === "units" ? (
            b.units.length === 0 ? (
              <p className="hs-muted">{t("board.empty")}</p>
            ) : (
              <>
                <span className="hs-muted">{t("board.unitNote")}</span>
                <ul className="hs-quiz-rows">
                  {b.units.map((u) => (
                    <li key={u.unitId} className={`hs-quiz-row${u.mine ? " hs-quiz-row-me" : ""}`} data-testid="board-unit">
                      <span className="hs-quiz-rank">{u.rank}</span>
                      <span>
                        {u.unitName}
                        <br />
                        <span className="hs-muted">
                          {t("board.unitRow", { participants: u.participants, members: u.members, rate: `${Math.round(u.rate * 1000) / 10}%`, entries: u.entries })}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )
          ) : b.top.length === 0 ? (
            <p className="hs-muted">{t("board.empty")}</p>
          ) : (
            <>
              <span className="hs-muted">{t("board.total", { n: b.total })}</span>
              <ol className="hs-quiz-rows">
                {/* keyed by place in the list: tied entries share a rank */}
                {b.top.map((row, i) => (
                  <Row key={i} row={row} />
                ))}
              </ol>
              {b.me && !b.top.some((x) => x.me) && (
                <>
                  <span className="hs-card-label">{t("board.yourRow")}</span>
                  <ol className="hs-quiz-rows">
                    <Row row={b.me} />
                  </ol>
                </>
              )}
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function Winners({ contestId, roundId }: { contestId: string; roundId: string }): ReactElement {
  const t = useQuizT();
  const query = useQuery(contestQueries.winners(contestId, roundId));
  return (
    <QueryState query={query}>
      {(w) => {
        const me = w.items.find((x) => x.me);
        return (
          <section className="hs-card hs-quiz-card" data-testid="winners">
            <span className="hs-card-title">{t("winners.title")}</span>
            {w.items.length === 0 ? (
              <p className="hs-muted">{t("winners.none")}</p>
            ) : (
              <ul className="hs-quiz-rows">
                {w.items.map((x, i) => (
                  <li key={i} className={`hs-quiz-row${x.me ? " hs-quiz-row-me" : ""}`}>
                    <span>
                      {t("winners.row", { label: x.label, name: x.name, unit: x.unitName })}
                      {x.phoneMasked ? ` · ${x.phoneMasked}` : ""}
                      {x.confirmed ? ` · ${t("winners.confirmed")}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {me && (me.confirmed ? <p className="hs-quiz-right">{t("winners.already")}</p> : <ConfirmForm contestId={contestId} roundId={roundId} label={me.label} />)}
          </section>
        );
      }}
    </QueryState>
  );
}

function ConfirmForm({ contestId, roundId, label }: { contestId: string; roundId: string; label: string }): ReactElement {
  const t = useQuizT();
  const change = useChange(contestMutations.confirm(contestId));
  const [f, setF] = useState({ fullName: "", phone: "", idNumber: "", address: "" });
  const field = (k: keyof typeof f, extra: Record<string, string> = {}) => (
    <Input label={t(`winners.${k}`)} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} data-testid={`confirm-${k}`} {...extra} />
  );
  return (
    <form
      className="hs-form"
      onSubmit={(e) => {
        e.preventDefault();
        void change.run({ roundId, ...f }, t("winners.sent"));
      }}
    >
      <p className="hs-quiz-right">{t("winners.youWon", { label })}</p>
      {field("fullName")}
      {field("phone", { inputMode: "tel" })}
      {field("idNumber", { inputMode: "numeric" })}
      {field("address")}
      <Button htmlType="submit" fullWidth loading={change.busy} disabled={change.busy}>
        {t("winners.send")}
      </Button>
    </form>
  );
}
