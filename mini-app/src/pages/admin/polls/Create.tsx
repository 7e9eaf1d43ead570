import { POLL_LIMITS, POLL_QUESTION_KINDS } from "@hoiso/shared/domain";
import type { PollQuestion, PollWriteBody } from "@hoiso/shared";
import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { pollAdminMutations } from "../../../api/polls.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { useAdminPollsT } from "./i18n/index.js";

type Kind = (typeof POLL_QUESTION_KINDS)[number];
interface Draft {
  kind: Kind;
  text: string;
  options: string;
}
const DAYS = [1, 3, 7, 14, 30] as const;
const blank = (): Draft => ({ kind: "single", text: "", options: "" });

const toQuestion = (d: Draft): PollQuestion =>
  d.kind === "single" || d.kind === "multiple"
    ? { kind: d.kind, text: d.text, options: d.options.split("\n").map((o) => o.trim()).filter(Boolean) }
    : { kind: d.kind, text: d.text };

/** A new poll: her unit (its whole subtree), a title, 1–5 questions, how long it stays open, an optional announcement. */
export function PollCreate(): ReactElement {
  const t = useAdminPollsT();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).entries()];
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? "");
  const [title, setTitle] = useState("");
  const [intro, setIntro] = useState("");
  const [drafts, setDrafts] = useState<Draft[]>([blank()]);
  const [days, setDays] = useState<number>(7);
  const [announce, setAnnounce] = useState(false);
  const create = useChange(pollAdminMutations.create());
  const edit = (i: number, d: Partial<Draft>) => setDrafts((xs) => xs.map((x, j) => (j === i ? { ...x, ...d } : x)));

  const submit = () => {
    const body: PollWriteBody = {
      unitId,
      title,
      intro,
      questions: drafts.map(toQuestion),
      closesAt: new Date(Date.now() + days * 86400_000).toISOString(),
      announce,
    };
    void create.run(body, t("form.sent"), (p) => navigate(`/quan-tri/khao-sat/${p.id}`));
  };

  return (
    <div className="hs-form" data-testid="poll-create">
      <label className="hs-select">
        <span className="hs-card-label">{t("form.unit")}</span>
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="poll-unit">
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <Input label={t("form.name")} value={title} maxLength={POLL_LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} data-testid="poll-title" />
      <Input.TextArea label={t("form.intro")} value={intro} maxLength={POLL_LIMITS.introMax} onChange={(e) => setIntro(e.target.value)} />
      {drafts.map((d, i) => (
        <section key={i} className="hs-card hs-form" data-testid="poll-question">
          <span className="hs-card-title">{t("form.question", { n: i + 1 })}</span>
          <label className="hs-select">
            <span className="hs-card-label">{t("form.kind")}</span>
            <select value={d.kind} onChange={(e) => edit(i, { kind: e.target.value as Kind })} data-testid="poll-kind">
              {POLL_QUESTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <Input label={t("form.questionText")} value={d.text} maxLength={POLL_LIMITS.questionTextMax} onChange={(e) => edit(i, { text: e.target.value })} data-testid="poll-qtext" />
          {(d.kind === "single" || d.kind === "multiple") && (
            <Input.TextArea label={t("form.options")} value={d.options} onChange={(e) => edit(i, { options: e.target.value })} data-testid="poll-options" />
          )}
          {drafts.length > 1 && (
            <Button variant="tertiary" size="small" onClick={() => setDrafts((xs) => xs.filter((_, j) => j !== i))}>
              {t("form.removeQuestion")}
            </Button>
          )}
        </section>
      ))}
      {drafts.length < POLL_LIMITS.questionsMax && (
        <Button variant="secondary" fullWidth onClick={() => setDrafts((xs) => [...xs, blank()])} data-testid="poll-add-question">
          {t("form.addQuestion")}
        </Button>
      )}
      <label className="hs-select">
        <span className="hs-card-label">{t("form.days")}</span>
        <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {DAYS.map((n) => (
            <option key={n} value={n}>
              {t("form.daysValue", { count: n })}
            </option>
          ))}
        </select>
      </label>
      <label className="hs-bc-checks">
        <span>
          <input type="checkbox" checked={announce} onChange={() => setAnnounce(!announce)} /> {t("form.announce")}
        </span>
      </label>
      <Button fullWidth loading={create.busy} onClick={submit} data-testid="poll-send">
        {t("form.send")}
      </Button>
      <Button variant="tertiary" fullWidth onClick={() => navigate("/quan-tri/khao-sat")}>
        {t("form.cancel")}
      </Button>
    </div>
  );
}
