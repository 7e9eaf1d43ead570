import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { ContestWriteBody, PrizeTier } from "@hoiso/shared";
import { contestAdminMutations } from "../../../api/contests.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { useAdminContestsT } from "./i18n/index.js";

const WEEK = 7 * 86400_000;
/** "2026-12-07T08:00" for a datetime-local input, in the phone's time (Lào Cai for the union). */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** A new contest (weekly rounds of the same shape) or practice quiz; questions are imported afterwards, per round. */
export function ContestForm(): ReactElement {
  const t = useAdminContestsT();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).entries()];
  const create = useChange(contestAdminMutations.create());
  const [f, setF] = useState({
    kind: "contest" as "contest" | "practice",
    unitId: units[0]?.[0] ?? "",
    title: "",
    description: "",
    rules: "",
    ranking: "correct_time_prediction" as ContestWriteBody["ranking"] & string,
    prizes: ["1", "3", "5", "0"],
    rounds: "1",
    opensAt: localInput(new Date()),
    questionCount: "10",
    minutes: "10",
    attempts: "3",
    prediction: "perfect_count" as "" | "perfect_count" | "entries",
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const int = (s: string, d: number) => (Number.isFinite(Number.parseInt(s, 10)) ? Number.parseInt(s, 10) : d);

  function body(): ContestWriteBody {
    const start = new Date(f.opensAt).getTime();
    const n = f.kind === "practice" ? 1 : Math.max(1, int(f.rounds, 1));
    const labels = [t("form.prizeFirst"), t("form.prizeSecond"), t("form.prizeThird"), t("form.prizeConsolation")];
    const prizeTiers: PrizeTier[] = f.prizes.map((c, i) => ({ label: labels[i] ?? "", count: int(c, 0) })).filter((p) => p.count > 0);
    const prompt = f.prediction === "perfect_count" ? t("form.predictionPromptPerfect") : t("form.predictionPromptEntries");
    return {
      kind: f.kind,
      unitId: f.unitId,
      title: f.title,
      description: f.description,
      rules: f.rules,
      ranking: f.ranking,
      prizeTiers: f.kind === "contest" ? prizeTiers : [],
      rounds: Array.from({ length: n }, (_, i) => ({
        title: t("form.roundName", { n: i + 1 }),
        opensAt: new Date(f.kind === "practice" ? Date.now() - 60_000 : start + i * WEEK).toISOString(),
        closesAt: new Date(f.kind === "practice" ? Date.now() + 3650 * 86400_000 : start + (i + 1) * WEEK).toISOString(),
        questionCount: int(f.questionCount, 10),
        timeLimitSeconds: Math.max(1, int(f.minutes, 10)) * 60,
        maxAttempts: int(f.attempts, 1),
        prediction: f.kind === "contest" && f.prediction ? { kind: f.prediction, prompt } : null,
      })),
    };
  }

  return (
    <form
      className="hs-form"
      data-testid="contest-form"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run(body(), t("form.created"), (c) => navigate(`/quan-tri/thi/${c.id}`, { replace: true }));
      }}
    >
      <h2 className="hs-card-title">{t("form.title")}</h2>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.kind")}</span>
        <select value={f.kind} onChange={set("kind")} data-testid="contest-kind">
          <option value="contest">{t("kind.contest")}</option>
          <option value="practice">{t("kind.practice")}</option>
        </select>
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.unit")}</span>
        <select value={f.unitId} onChange={set("unitId")}>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <Input label={t("form.name")} value={f.title} onChange={set("title")} data-testid="contest-title" />
      <Input.TextArea label={t("form.description")} value={f.description} onChange={set("description")} />
      {f.kind === "contest" && (
        <>
          <Input.TextArea label={t("form.rules")} value={f.rules} onChange={set("rules")} />
          <label className="hs-select">
            <span className="hs-card-label">{t("form.ranking")}</span>
            <select value={f.ranking} onChange={set("ranking")} data-testid="contest-ranking">
              <option value="correct_time_prediction">{t("rule.correct_time_prediction")}</option>
              <option value="correct_prediction_time">{t("rule.correct_prediction_time")}</option>
            </select>
          </label>
          <span className="hs-card-label">{t("form.prizes")}</span>
          {[t("form.prizeFirst"), t("form.prizeSecond"), t("form.prizeThird"), t("form.prizeConsolation")].map((label, i) => (
            <Input key={label} label={label} inputMode="numeric" value={f.prizes[i]} onChange={(e) => setF({ ...f, prizes: f.prizes.map((p, k) => (k === i ? e.target.value : p)) })} />
          ))}
          <Input label={t("form.rounds")} inputMode="numeric" value={f.rounds} onChange={set("rounds")} />
          <label className="hs-select">
            <span className="hs-card-label">{t("form.opensAt")}</span>
            <input type="datetime-local" value={f.opensAt} onChange={set("opensAt")} />
          </label>
          <Input label={t("form.attempts")} inputMode="numeric" value={f.attempts} onChange={set("attempts")} />
          <label className="hs-select">
            <span className="hs-card-label">{t("form.prediction")}</span>
            <select value={f.prediction} onChange={set("prediction")}>
              <option value="">{t("form.predictionNone")}</option>
              <option value="perfect_count">{t("form.predictionPerfect")}</option>
              <option value="entries">{t("form.predictionEntries")}</option>
            </select>
          </label>
        </>
      )}
      <Input label={t("form.questionCount")} inputMode="numeric" value={f.questionCount} onChange={set("questionCount")} />
      <Input label={t("form.minutes")} inputMode="numeric" value={f.minutes} onChange={set("minutes")} />
      <Button htmlType="submit" fullWidth loading={create.busy} disabled={create.busy} data-testid="contest-save">
        {t("form.save")}
      </Button>
      <Button variant="secondary" fullWidth onClick={() => navigate("/quan-tri/thi")}>
        {t("form.cancel")}
      </Button>
    </form>
  );
}
