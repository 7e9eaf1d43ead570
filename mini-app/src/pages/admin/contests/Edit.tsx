import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { AdminContest, AdminRound, ContestEditBody, PrizeTier, RoundEditBody } from "@hoiso/shared";
import { contestAdminMutations, contestAdminQueries } from "../../../api/contests.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useAdminContestsT } from "./i18n/index.js";

/** "2026-12-07T08:00" for a datetime-local input, in the phone's time (Lào Cai for the union). */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const int = (s: string) => Number.parseInt(s, 10);

/** Quản trị › Thi › Sửa: the contest's name, texts and prizes, and each round's times and settings. */
export function ContestEdit(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery(contestAdminQueries.contest(id));
  return <QueryState query={query}>{(c) => <EditForm c={c} />}</QueryState>;
}

function EditForm({ c }: { c: AdminContest }): ReactElement {
  const t = useAdminContestsT();
  const navigate = useNavigate();
  const save = useChange(contestAdminMutations.edit(c.id));
  const labels: string[] = [t("form.prizeFirst"), t("form.prizeSecond"), t("form.prizeThird"), t("form.prizeConsolation")];
  // tiers under other names (an import, the API) are kept after the four the form knows
  const others = c.prizeTiers.filter((p) => !labels.includes(p.label));
  const [f, setF] = useState({
    title: c.title,
    description: c.description,
    rules: c.rules,
    prizes: labels.map((l) => String(c.prizeTiers.find((p) => p.label === l)?.count ?? 0)),
  });
  const set = (k: "title" | "description" | "rules") => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  function body(): ContestEditBody {
    const prizeTiers: PrizeTier[] = [...labels.map((label, i) => ({ label, count: int(f.prizes[i] ?? "0") || 0 })).filter((p) => p.count > 0), ...others];
    return { title: f.title, description: f.description, rules: f.rules, ...(c.kind === "contest" && { prizeTiers }) };
  }

  return (
    <div className="hs-form" data-testid="contest-edit">
      <Button variant="tertiary" onClick={() => navigate(`/quan-tri/thi/${c.id}`)}>
        {t("edit.back")}
      </Button>
      <form
        className="hs-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(body(), t("edit.saved"));
        }}
      >
        <h2 className="hs-card-title">{t("edit.title")}</h2>
        <Input label={t("form.name")} value={f.title} onChange={set("title")} data-testid="edit-title" />
        <Input.TextArea label={t("form.description")} value={f.description} onChange={set("description")} />
        {c.kind === "contest" && (
          <>
            <Input.TextArea label={t("form.rules")} value={f.rules} onChange={set("rules")} data-testid="edit-rules" />
            <span className="hs-card-label">{t("form.prizes")}</span>
            {labels.map((label, i) => (
              <Input key={label} label={label} inputMode="numeric" value={f.prizes[i]} onChange={(e) => setF({ ...f, prizes: f.prizes.map((p, k) => (k === i ? e.target.value : p)) })} />
            ))}
          </>
        )}
        <Button htmlType="submit" fullWidth loading={save.busy} disabled={save.busy} data-testid="edit-save">
          {t("edit.save")}
        </Button>
      </form>
      {c.rounds.map((r) => (
        <RoundEdit key={r.id} c={c} r={r} />
      ))}
    </div>
  );
}

/** One round; only what she changed is sent, so untouched settings never meet the "already started" rule. */
function RoundEdit({ c, r }: { c: AdminContest; r: AdminRound }): ReactElement {
  const t = useAdminContestsT();
  const save = useChange(contestAdminMutations.editRound(c.id));
  const initial = {
    title: r.title,
    opensAt: localInput(r.opensAt),
    closesAt: localInput(r.closesAt),
    maxAttempts: String(r.maxAttempts),
    questionCount: String(r.questionCount),
    minutes: String(Math.round(r.timeLimitSeconds / 60)),
  };
  const [f, setF] = useState(initial);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const changed = (k: keyof typeof f) => f[k] !== initial[k];

  function body(): RoundEditBody {
    return {
      ...(changed("title") && { title: f.title }),
      ...(changed("opensAt") && { opensAt: new Date(f.opensAt).toISOString() }),
      ...(changed("closesAt") && { closesAt: new Date(f.closesAt).toISOString() }),
      ...(changed("maxAttempts") && { maxAttempts: int(f.maxAttempts) }),
      ...(changed("questionCount") && { questionCount: int(f.questionCount) }),
      ...(changed("minutes") && { timeLimitSeconds: Math.max(1, int(f.minutes)) * 60 }),
    };
  }

  if (r.closedAt) {
    return (
      <section className="hs-card hs-quiz-card">
        <span className="hs-card-title">{r.title}</span>
        <span className="hs-muted">{t("edit.roundClosed")}</span>
      </section>
    );
  }
  return (
    <form
      className="hs-card hs-quiz-card"
      data-testid="round-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run({ roundId: r.id, body: body() }, t("edit.roundSaved"));
      }}
    >
      <Input label={t("edit.roundName")} value={f.title} onChange={set("title")} />
      <label className="hs-select">
        <span className="hs-card-label">{t("edit.opensAt")}</span>
        <input type="datetime-local" value={f.opensAt} onChange={set("opensAt")} />
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("edit.closesAt")}</span>
        <input type="datetime-local" value={f.closesAt} onChange={set("closesAt")} data-testid="round-closes" />
      </label>
      {c.kind === "contest" && <Input label={t("form.attempts")} inputMode="numeric" value={f.maxAttempts} onChange={set("maxAttempts")} />}
      <Input label={t("form.questionCount")} inputMode="numeric" value={f.questionCount} onChange={set("questionCount")} />
      <Input label={t("form.minutes")} inputMode="numeric" value={f.minutes} onChange={set("minutes")} />
      <span className="hs-muted">{t("edit.drawHint")}</span>
      <Button htmlType="submit" fullWidth variant="secondary" loading={save.busy} disabled={save.busy} data-testid="round-save">
        {t("edit.saveRound")}
      </Button>
    </form>
  );
}
