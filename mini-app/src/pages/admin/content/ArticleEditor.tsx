import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { ARTICLE_KIND_LABEL, ARTICLE_KINDS, CONTENT_LIMITS, LANGUAGE_NAME, type ArticleKindCode } from "@hoiso/shared/domain";
import type { AdminArticle, ArticleWriteBody, ContentLanguage, LocalizedText } from "@hoiso/shared";
import { contentAdminMutations, contentAdminQueries } from "../../../api/content.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { useAdminContentT } from "./i18n/index.js";
import { AudiencePick } from "./AudiencePick.js";
import { firstUnit, MediaPick, PublishPanel, ReachPanel, UnitPick, unitNameOf } from "./parts.js";

interface Variant {
  title: string;
  body: string;
  audioMediaId: string | null;
}
interface Question {
  prompt: LocalizedText;
  choices: LocalizedText[];
  answer: number;
}
interface Form {
  kind: ArticleKindCode;
  unitId: string;
  targetUnitIds: string[];
  tags: string[];
  coverMediaId: string | null;
  variants: Record<ContentLanguage, Variant>;
  questions: Question[];
}

const EMPTY: Variant = { title: "", body: "", audioMediaId: null };
const OTHER_LANGUAGES = ["hmn", "dao"] as const;

function formOf(a: AdminArticle | null, unitId: string): Form {
  const v = (l: ContentLanguage): Variant => {
    const x = a?.variants.find((y) => y.language === l);
    return x ? { title: x.title, body: x.body, audioMediaId: x.audioMediaId } : EMPTY;
  };
  return {
    kind: a?.kind ?? "nghi_quyet",
    unitId: a?.unitId ?? unitId,
    targetUnitIds: a?.targetUnitIds ?? [],
    tags: a?.tags ?? [],
    coverMediaId: a?.coverMediaId ?? null,
    variants: { vi: v("vi"), hmn: v("hmn"), dao: v("dao") },
    // Translations of the questions are kept as they are; this form edits the Vietnamese.
    questions: a?.questions.map((q) => ({ prompt: q.prompt, choices: q.choices, answer: q.answer })) ?? [],
  };
}

function bodyOf(f: Form): ArticleWriteBody {
  return {
    kind: f.kind,
    unitId: f.unitId,
    targetUnitIds: f.targetUnitIds,
    tags: f.tags,
    coverMediaId: f.coverMediaId,
    variants: (["vi", ...OTHER_LANGUAGES] as const)
      .filter((l) => l === "vi" || f.variants[l].title.trim() !== "")
      .map((l) => ({ language: l, ...f.variants[l] })),
    questions: f.questions,
  };
}

/** Write or edit an article: its Vietnamese text (and H'Mông/Dao when the union has them), cover, audio reading, check questions. */
export function ArticleEditor(): ReactElement {
  const { id = "moi" } = useParams();
  const me = useMe();
  const isNew = id === "moi";
  const article = useQuery({ ...contentAdminQueries.article(id), enabled: !isNew });
  if (isNew) return <Editor a={null} unitId={firstUnit(me)} />;
  return <QueryState query={article}>{(a) => <Editor key={`${a.id}-${a.updatedAt}`} a={a} unitId={a.unitId} />}</QueryState>;
}

function Editor({ a, unitId }: { a: AdminArticle | null; unitId: string }): ReactElement {
  const t = useAdminContentT();
  const me = useMe();
  const navigate = useNavigate();
  const [f, setF] = useState<Form>(() => formOf(a, unitId));
  const [preview, setPreview] = useState(false);
  const save = useChange(contentAdminMutations.saveArticle(a?.id ?? null));
  const setVariant = (l: ContentLanguage, patch: Partial<Variant>) => setF((x) => ({ ...x, variants: { ...x.variants, [l]: { ...x.variants[l], ...patch } } }));
  const setQuestion = (i: number, q: Question | null) =>
    setF((x) => ({ ...x, questions: q ? x.questions.map((y, k) => (k === i ? q : y)) : x.questions.filter((_, k) => k !== i) }));

  return (
    <div className="hs-admin-split hs-content-editor" data-testid="article-editor">
      <section className="hs-form">
        <Button variant="tertiary" onClick={() => navigate("/quan-tri/tim-hieu")}>
          {t("form.back")}
        </Button>
        <label className="hs-select">
          <span className="hs-card-label">{t("form.kind")}</span>
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as ArticleKindCode })} data-testid="content-kind">
            {ARTICLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ARTICLE_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <UnitPick value={f.unitId} onChange={(u) => setF({ ...f, unitId: u, targetUnitIds: [] })} />
        <AudiencePick
          unitId={f.unitId}
          unitName={unitNameOf(me, f.unitId, a)}
          targets={f.targetUnitIds}
          tags={f.tags}
          onTargets={(targetUnitIds) => setF((x) => ({ ...x, targetUnitIds }))}
          onTags={(tags) => setF((x) => ({ ...x, tags }))}
        />
        <MediaPick label={t("form.cover")} accept="image/*" value={f.coverMediaId} onChange={(m) => setF({ ...f, coverMediaId: m })} testId="content-cover" />
        <Input label={t("form.title")} value={f.variants.vi.title} maxLength={CONTENT_LIMITS.titleMax} onChange={(e) => setVariant("vi", { title: e.target.value })} data-testid="content-title" />
        <Input.TextArea
          label={t("form.body")}
          helperText={t("form.bodyHint")}
          value={f.variants.vi.body}
          maxLength={CONTENT_LIMITS.bodyMax}
          onChange={(e) => setVariant("vi", { body: e.target.value })}
          data-testid="content-body"
        />
        <MediaPick label={t("form.audio")} accept="audio/*" value={f.variants.vi.audioMediaId} onChange={(m) => setVariant("vi", { audioMediaId: m })} testId="content-audio" />
        {OTHER_LANGUAGES.map((l) => (
          <details key={l} className="hs-card" open={f.variants[l].title !== ""}>
            <summary className="hs-card-title">{t("form.variant", { language: LANGUAGE_NAME[l] })}</summary>
            <p className="hs-muted hs-small">{t("form.variantHint")}</p>
            <Input label={t("form.title")} value={f.variants[l].title} onChange={(e) => setVariant(l, { title: e.target.value })} />
            <Input.TextArea label={t("form.body")} value={f.variants[l].body} onChange={(e) => setVariant(l, { body: e.target.value })} />
            <MediaPick label={t("form.audio")} accept="audio/*" value={f.variants[l].audioMediaId} onChange={(m) => setVariant(l, { audioMediaId: m })} testId={`content-audio-${l}`} />
          </details>
        ))}
        <section className="hs-card">
          <p className="hs-card-title">{t("form.questions")}</p>
          <p className="hs-muted hs-small">{t("form.questionsHint")}</p>
          {f.questions.map((q, i) => (
            <QuestionForm key={i} n={i + 1} q={q} onChange={(x) => setQuestion(i, x)} />
          ))}
          {f.questions.length < CONTENT_LIMITS.questionsMax && (
            <Button variant="secondary" size="small" onClick={() => setF({ ...f, questions: [...f.questions, { prompt: { vi: "" }, choices: [{ vi: "" }, { vi: "" }], answer: 0 }] })}>
              {t("form.addQuestion")}
            </Button>
          )}
        </section>
        <Button
          fullWidth
          loading={save.busy}
          disabled={save.busy}
          data-testid="content-save"
          onClick={() => void save.run(bodyOf(f), t("form.saved"), (r) => !a && navigate(`/quan-tri/tim-hieu/bai-viet/${r.id}`, { replace: true }))}
        >
          {t("form.save")}
        </Button>
      </section>
      <section className="hs-form">
        {a ? (
          <>
            <PublishPanel kind="articles" id={a.id} status={a.status} publishAt={a.publishAt} />
            <Button variant="secondary" fullWidth onClick={() => setPreview(!preview)}>
              {preview ? t("preview.hide") : t("preview.show")}
            </Button>
            {preview && <Preview id={a.id} />}
            <ReachPanel id={a.id} />
          </>
        ) : (
          <p className="hs-card hs-muted">{t("publish.saveFirst")}</p>
        )}
      </section>
    </div>
  );
}

function QuestionForm({ n, q, onChange }: { n: number; q: Question; onChange: (q: Question | null) => void }): ReactElement {
  const t = useAdminContentT();
  return (
    <fieldset className="hs-content-question">
      <legend className="hs-card-label">{t("form.question", { n })}</legend>
      <Input label={t("form.prompt")} value={q.prompt.vi} onChange={(e) => onChange({ ...q, prompt: { ...q.prompt, vi: e.target.value } })} />
      {q.choices.map((c, k) => (
        <div key={k} className="hs-content-choice">
          <input type="radio" name={`right-${n}`} checked={q.answer === k} onChange={() => onChange({ ...q, answer: k })} aria-label={t("form.right")} />
          <Input label={t("form.choice", { n: k + 1 })} value={c.vi} onChange={(e) => onChange({ ...q, choices: q.choices.map((y, j) => (j === k ? { ...y, vi: e.target.value } : y)) })} />
        </div>
      ))}
      <div className="hs-content-row-meta">
        {q.choices.length < CONTENT_LIMITS.choicesMax && (
          <Button size="small" variant="tertiary" onClick={() => onChange({ ...q, choices: [...q.choices, { vi: "" }] })}>
            {t("form.addChoice")}
          </Button>
        )}
        <Button size="small" variant="tertiary" onClick={() => onChange(null)}>
          {t("form.removeQuestion")}
        </Button>
      </div>
    </fieldset>
  );
}

function Preview({ id }: { id: string }): ReactElement {
  const t = useAdminContentT();
  const preview = useQuery(contentAdminQueries.preview(id, "vi"));
  return (
    <section className="hs-card hs-learn-article" aria-label={t("preview.label")} data-testid="content-preview">
      <QueryState query={preview}>
        {(p) => (
          <>
            <h2 className="hs-learn-title">{p.title}</h2>
            {/* The server's own rendering of the Markdown, sanitized there (no raw HTML, scripts or unsafe links). */}
            <div className="hs-learn-body" dangerouslySetInnerHTML={{ __html: p.html }} />
          </>
        )}
      </QueryState>
    </section>
  );
}
