import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { CONTEST_LIMITS } from "@hoiso/shared/domain";
import type { AdminContest, AdminRound, ImportResult } from "@hoiso/shared";
import { contestAdminMutations, contestAdminQueries, downloadExport } from "../../../api/contests.js";
import { errorMessage } from "../../../api/http.js";
import { QueryState } from "../../../components/States.js";
import { useNotify } from "../../../components/notify.js";
import { useChange } from "../../../components/useChange.js";
import { Questions } from "./Questions.js";
import { useAdminContestsT } from "./i18n/index.js";

/** One contest: publish or close it; per round, import the bank, preview it, close the round, pick winners, export. */
export function ContestAdminDetail(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery(contestAdminQueries.contest(id));
  return <QueryState query={query}>{(c) => <Detail c={c} />}</QueryState>;
}

function Detail({ c }: { c: AdminContest }): ReactElement {
  const t = useAdminContestsT();
  const navigate = useNavigate();
  const action = useChange(contestAdminMutations.action(c.id));
  return (
    <div className="hs-form" data-testid="contest-admin-detail">
      <Button variant="tertiary" onClick={() => navigate("/quan-tri/thi")}>
        {t("detail.back")}
      </Button>
      <section className="hs-card hs-quiz-card">
        <span className="hs-quiz-phase">{`${t(`kind.${c.kind}`)} · ${t(`status.${c.status}`)}`}</span>
        <h2 className="hs-card-title">{c.title}</h2>
        <span className="hs-muted">{c.unitName}</span>
        {c.kind === "contest" && <span>{t(`rule.${c.ranking}`)}</span>}
        {c.status !== "closed" && (
          <Button variant="secondary" fullWidth onClick={() => navigate(`/quan-tri/thi/${c.id}/sua`)} data-testid="contest-edit-open">
            {t("edit.open")}
          </Button>
        )}
        {c.status === "draft" && (
          <Button fullWidth disabled={action.busy} onClick={() => void action.run({ kind: "publish" }, t("detail.published"))} data-testid="contest-publish">
            {t("detail.publish")}
          </Button>
        )}
        {c.status === "published" && c.kind === "contest" && (
          <Button variant="secondary" fullWidth disabled={action.busy} onClick={() => void action.run({ kind: "close" }, t("detail.closed"))}>
            {t("detail.close")}
          </Button>
        )}
      </section>
      {c.rounds.map((r) => (
        <Round key={r.id} c={c} r={r} />
      ))}
    </div>
  );
}

function Round({ c, r }: { c: AdminContest; r: AdminRound }): ReactElement {
  const t = useAdminContestsT();
  const notify = useNotify();
  const action = useChange(contestAdminMutations.action(c.id));
  const importer = useChange(contestAdminMutations.import(c.id, r.id));
  const [skipBad, setSkipBad] = useState(false);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [preview, setPreview] = useState(false);
  async function pickFile(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > CONTEST_LIMITS.importMaxBytes) {
      notify.fail(t("detail.tooBig"));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await importer.run(
      { fileName: file.name, contentBase64: btoa(binary), skipBad },
      (res) => (res.rejected ? t("detail.rejected", { n: res.errors.length }) : t("detail.imported", { n: res.imported })),
      setReport,
    );
  }
  return (
    <section className="hs-card hs-quiz-card" data-testid="admin-round">
      <span className="hs-card-title">{t("detail.round", { title: r.title, phase: t(`phase.${r.phase}`) })}</span>
      <span className="hs-muted" data-testid="admin-bank">{t("detail.bank", { n: r.bankSize, count: r.questionCount, minutes: Math.round(r.timeLimitSeconds / 60), attempts: r.maxAttempts })}</span>
      {c.kind === "contest" && <span>{t("detail.entries", { n: r.entries })}</span>}
      {r.predictionActual !== null && <span>{t("detail.actual", { n: r.predictionActual })}</span>}
      {c.status !== "closed" && (
        <>
          <span className="hs-card-label">{t("detail.import")}</span>
          <span className="hs-muted">{t("detail.importHint")}</span>
          <label className="hs-quiz-choice">
            <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
            <span>{t("detail.skipBad")}</span>
          </label>
          <input type="file" accept=".xlsx,.csv" disabled={importer.busy} onChange={(e) => void pickFile(e.target.files?.[0])} data-testid="import-file" />
        </>
      )}
      {report && (
        <div role="status" data-testid="import-report">
          {report.skipped > 0 && <p>{t("detail.skipped", { n: report.skipped })}</p>}
          <ul className="hs-quiz-rows">
            {report.errors.map((e) => (
              <li key={e.line} className="hs-quiz-wrong">
                {t("detail.line", { line: e.line, message: e.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Button variant="tertiary" onClick={() => setPreview(!preview)}>
        {preview ? t("detail.hidePreview") : t("detail.preview")}
      </Button>
      {preview && <Questions contestId={c.id} roundId={r.id} />}
      {c.kind === "contest" && c.status !== "draft" && (
        <>
          {!r.closedAt && (
            <Button variant="secondary" fullWidth disabled={action.busy} onClick={() => void action.run({ kind: "closeRound", roundId: r.id }, t("detail.roundClosed"))}>
              {t("detail.closeRound")}
            </Button>
          )}
          {r.phase === "closed" && (
            <Button fullWidth disabled={action.busy} onClick={() => void action.run({ kind: "winners", roundId: r.id }, (x) => t("detail.picked", { n: (x as { winners: number }).winners }))}>
              {t("detail.pick")}
            </Button>
          )}
          {r.winnersPickedAt && <Winners contestId={c.id} roundId={r.id} />}
          <Button variant="secondary" fullWidth onClick={() => void downloadExport(c.id, r.id, `ket-qua-${r.position}.xlsx`).catch((err: unknown) => notify.fail(errorMessage(err)))}>
            {t("detail.export")}
          </Button>
        </>
      )}
    </section>
  );
}

function Winners({ contestId, roundId }: { contestId: string; roundId: string }): ReactElement {
  const t = useAdminContestsT();
  const query = useQuery(contestAdminQueries.winners(contestId, roundId));
  return (
    <QueryState query={query}>
      {(w) => (
        <>
          <span className="hs-card-label">{t("detail.winners")}</span>
          <ul className="hs-quiz-rows">
            {w.items.map((x) => (
              <li key={x.memberId}>
                {t("detail.winner", { label: x.label, rank: x.rank, name: x.name, unit: x.unitName, phone: x.phone ?? "" })}
                <br />
                <span className="hs-muted">
                  {x.confirmation ? t("detail.confirmedBy", { name: x.confirmation.fullName, id: x.confirmation.idNumber, address: x.confirmation.address }) : t("detail.notConfirmed")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}
