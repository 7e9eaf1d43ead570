import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { AdminGuide, GuideFaq, GuideWriteBody } from "@hoiso/shared";
import { calendarDay } from "@hoiso/shared/domain";
import { contentAdminMutations, contentAdminQueries } from "../../../api/content.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { useAdminContentT } from "./i18n/index.js";
import { AudiencePick } from "./AudiencePick.js";
import { firstUnit, PublishPanel, UnitPick, unitNameOf } from "./parts.js";

interface Form {
  unitId: string;
  targetUnitIds: string[];
  tags: string[];
  title: string;
  summary: string;
  /** One step a line, its detail after "|". */
  steps: string;
  /** One paper a line. */
  papers: string;
  where: string;
  when: string;
  fees: string;
  whoToAsk: string;
  faq: GuideFaq[];
  portalUrl: string;
  sourceName: string;
  sourceUrl: string;
  checkedOn: string;
}

/** Today in Lào Cai as YYYY-MM-DD (calendarDay answers dd/mm/yyyy). */
const today = () => calendarDay(new Date().toISOString()).split("/").reverse().join("-");

function formOf(g: AdminGuide | null, unitId: string): Form {
  return {
    unitId: g?.unitId ?? unitId,
    targetUnitIds: g?.targetUnitIds ?? [],
    tags: g?.tags ?? [],
    title: g?.title ?? "",
    summary: g?.summary ?? "",
    steps: g?.steps.map((s) => (s.detail ? `${s.title} | ${s.detail}` : s.title)).join("\n") ?? "",
    papers: g?.papers.join("\n") ?? "",
    where: g?.where ?? "",
    when: g?.when ?? "",
    fees: g?.fees ?? "",
    whoToAsk: g?.whoToAsk ?? "",
    faq: g?.faq ?? [],
    portalUrl: g?.portalUrl ?? "",
    sourceName: g?.source.name ?? "",
    sourceUrl: g?.source.url ?? "",
    checkedOn: g?.source.checkedOn ?? today(),
  };
}

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function bodyOf(f: Form): GuideWriteBody {
  return {
    unitId: f.unitId,
    targetUnitIds: f.targetUnitIds,
    tags: f.tags,
    title: f.title.trim(),
    summary: f.summary.trim(),
    steps: lines(f.steps).map((l) => {
      const [title = "", ...rest] = l.split("|");
      const detail = rest.join("|").trim();
      return detail ? { title: title.trim(), detail } : { title: title.trim() };
    }),
    papers: lines(f.papers),
    where: f.where,
    when: f.when,
    fees: f.fees,
    whoToAsk: f.whoToAsk,
    faq: f.faq.filter((x) => x.question.trim() && x.answer.trim()),
    portalUrl: f.portalUrl.trim() || null,
    sourceName: f.sourceName.trim(),
    sourceUrl: f.sourceUrl.trim() || null,
    checkedOn: f.checkedOn,
  };
}

/** Write or edit a public-service guide: its steps, papers, where/when, fees, who to ask, portal link, FAQ and official source. */
export function GuideEditor(): ReactElement {
  const { id = "moi" } = useParams();
  const me = useMe();
  const isNew = id === "moi";
  const guide = useQuery({ ...contentAdminQueries.guide(id), enabled: !isNew });
  if (isNew) return <Editor g={null} unitId={firstUnit(me)} />;
  return <QueryState query={guide}>{(g) => <Editor key={`${g.id}-${g.updatedAt}`} g={g} unitId={g.unitId} />}</QueryState>;
}

function Editor({ g, unitId }: { g: AdminGuide | null; unitId: string }): ReactElement {
  const t = useAdminContentT();
  const me = useMe();
  const navigate = useNavigate();
  const [f, setF] = useState<Form>(() => formOf(g, unitId));
  const save = useChange(contentAdminMutations.saveGuide(g?.id ?? null));
  const field = (k: "title" | "summary" | "where" | "when" | "fees" | "whoToAsk" | "portalUrl" | "sourceName" | "sourceUrl", label: string) => (
    <Input label={label} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
  );
  const area = (k: "summary" | "steps" | "papers" | "where" | "when" | "fees" | "whoToAsk", label: string) => (
    <Input.TextArea label={label} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
  );
  const setFaq = (i: number, x: GuideFaq | null) => setF({ ...f, faq: x ? f.faq.map((y, k) => (k === i ? x : y)) : f.faq.filter((_, k) => k !== i) });
  return (
    <div className="hs-admin-split hs-content-editor" data-testid="guide-editor">
      <section className="hs-form">
        <Button variant="tertiary" onClick={() => navigate("/quan-tri/tim-hieu?loai=huong-dan")}>
          {t("form.back")}
        </Button>
        <UnitPick value={f.unitId} onChange={(u) => setF({ ...f, unitId: u, targetUnitIds: [] })} />
        <AudiencePick
          unitId={f.unitId}
          unitName={unitNameOf(me, f.unitId, g)}
          targets={f.targetUnitIds}
          tags={f.tags}
          onTargets={(targetUnitIds) => setF((x) => ({ ...x, targetUnitIds }))}
          onTags={(tags) => setF((x) => ({ ...x, tags }))}
        />
        {field("title", t("form.title"))}
        {area("summary", t("form.summary"))}
        {area("steps", t("form.steps"))}
        {area("papers", t("form.papers"))}
        {area("where", t("form.where"))}
        {area("when", t("form.when"))}
        {area("fees", t("form.fees"))}
        {area("whoToAsk", t("form.whoToAsk"))}
        {field("portalUrl", t("form.portalUrl"))}
        {field("sourceName", t("form.sourceName"))}
        {field("sourceUrl", t("form.sourceUrl"))}
        <label className="hs-select">
          <span className="hs-card-label">{t("form.checkedOn")}</span>
          <input type="date" value={f.checkedOn} onChange={(e) => setF({ ...f, checkedOn: e.target.value })} />
        </label>
        <section className="hs-card">
          <p className="hs-card-title">{t("form.faq")}</p>
          {f.faq.map((x, i) => (
            <fieldset key={i} className="hs-content-question">
              <Input label={t("form.faqQuestion")} value={x.question} onChange={(e) => setFaq(i, { ...x, question: e.target.value })} />
              <Input.TextArea label={t("form.faqAnswer")} value={x.answer} onChange={(e) => setFaq(i, { ...x, answer: e.target.value })} />
              <Button size="small" variant="tertiary" onClick={() => setFaq(i, null)}>
                {t("form.remove")}
              </Button>
            </fieldset>
          ))}
          <Button size="small" variant="secondary" onClick={() => setF({ ...f, faq: [...f.faq, { question: "", answer: "" }] })}>
            {t("form.addFaq")}
          </Button>
        </section>
        <Button fullWidth loading={save.busy} disabled={save.busy} onClick={() => void save.run(bodyOf(f), t("form.saved"), (r) => !g && navigate(`/quan-tri/tim-hieu/huong-dan/${r.id}`, { replace: true }))}>
          {t("form.save")}
        </Button>
      </section>
      <section className="hs-form">
        {g ? <PublishPanel kind="guides" id={g.id} status={g.status} publishAt={g.publishAt} /> : <p className="hs-card hs-muted">{t("publish.saveFirst")}</p>}
      </section>
    </div>
  );
}
