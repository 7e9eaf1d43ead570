import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, type ReactElement } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { ARTICLE_KIND_LABEL, isLanguage, isStudied, LANGUAGE_NAME } from "@hoiso/shared/domain";
import type { ArticleDetail, ProgressBody } from "@hoiso/shared";
import { contentMutations, contentQueries } from "../../api/content.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useMe } from "../../state.js";
import { formatDate } from "../../i18n/format.js";
import { useLearnT } from "./i18n/index.js";
import { Cover } from "./Media.js";
import { OfflineNotice } from "./OfflineNotice.js";
import { useLargeText } from "./prefs.js";
import { QuickCheck } from "./QuickCheck.js";
import { ReadingPlayer } from "./ReadingPlayer.js";

/** One article: cover, text, audio reading, her language, the short check and "Đã học". */
export function ArticleReader(): ReactElement {
  const t = useLearnT();
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const asked = params.get("lang");
  const lang = isLanguage(asked) ? asked : null;
  const article = useQuery(contentQueries.article(id, lang));
  return (
    <div className="hs-page" data-testid="article">
      <PageHeader title={t("title")} back />
      <OfflineNotice query={article} />
      <QueryState query={article} loadingText={t("reader.loading")}>
        {(a) => <Article key={`${a.id}-${a.language}`} a={a} onLanguage={(l) => setParams(l ? { lang: l } : {}, { replace: true })} />}
      </QueryState>
    </div>
  );
}

function Article({ a, onLanguage }: { a: ArticleDetail; onLanguage: (lang: string | null) => void }): ReactElement {
  const t = useLearnT();
  const me = useMe();
  const [large, setLarge] = useLargeText();
  const { mutate, mutateAsync } = useMutation(contentMutations.progress(a.id));
  // Reports are fire-and-forget: offline they fail quietly and are sent again the next time she opens the article.
  const report = useCallback((body: ProgressBody) => mutate(body), [mutate]);
  const end = useRef<HTMLDivElement>(null);
  const opened = a.progress.openedAt !== null;
  const readToEnd = a.progress.readToEndAt !== null;

  useEffect(() => {
    if (!opened) report({ opened: true });
  }, [opened, report]);

  useEffect(() => {
    const el = end.current;
    if (readToEnd || !el || typeof IntersectionObserver === "undefined") return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        report({ readToEnd: true });
      }
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [readToEnd, report]);

  const onListened = useCallback((f: number) => report({ listenedFraction: f }), [report]);
  const engaged = isStudied({ ...a.progress, readToEnd, passedCheck: true, hasQuestions: false });

  return (
    <article className={`hs-learn-article${large ? " hs-learn-large" : ""}`}>
      {a.coverMediaId && <Cover id={a.coverMediaId} alt={t("reader.cover", { title: a.title })} className="hs-learn-hero" />}
      <p className="hs-card-label">{ARTICLE_KIND_LABEL[a.kind]}</p>
      <h2 className="hs-learn-title" data-testid="article-title">
        {a.title}
      </h2>
      <p className="hs-muted hs-small">{t("reader.by", { unit: a.unitName, date: a.publishedAt ? formatDate(a.publishedAt) : "" })}</p>
      {a.progress.studiedAt && (
        <p className="hs-learn-studied" data-testid="studied">
          {t("reader.studied")} · {t("reader.studiedOn", { date: formatDate(a.progress.studiedAt) })}
        </p>
      )}
      <div className="hs-learn-tools">
        <label className="hs-learn-switch">
          <input type="checkbox" checked={large} onChange={(e) => setLarge(e.target.checked)} />
          <span>{t("reader.largeText")}</span>
        </label>
        {a.languages.length > 1 && (
          <div className="hs-segments" role="group" aria-label={t("reader.languages")}>
            {a.languages.map((l) => (
              <button key={l} type="button" className="hs-segment" aria-selected={l === a.language} onClick={() => onLanguage(l)}>
                {LANGUAGE_NAME[l]}
              </button>
            ))}
          </div>
        )}
      </div>
      {a.language !== me.language && (
        <p className="hs-muted hs-small" data-testid="article-language">
          {t("reader.shownIn", { language: LANGUAGE_NAME[a.language] })}
        </p>
      )}
      {a.audioMediaId && <ReadingPlayer mediaId={a.audioMediaId} title={a.title} listened={a.progress.listenedFraction} onListened={onListened} />}
      {/* The server renders the Markdown to HTML when it is saved and sanitizes it (no raw HTML, scripts, styles,
          event handlers or unsafe links: shared/src/schemas/content.ts, ArticleDetail.html). That is the only reason
          this may be set as HTML; never pass anything else here. */}
      <div className="hs-learn-body" data-testid="article-body" dangerouslySetInnerHTML={{ __html: a.html }} />
      <div ref={end} className="hs-learn-end" data-testid="article-end">
        {readToEnd ? t("reader.readToEnd") : t("reader.endMark")}
      </div>
      {a.questions.length > 0 && <QuickCheck article={a} send={mutateAsync} />}
      {!a.progress.studiedAt && a.progress.passedCheckAt && !engaged && <p className="hs-muted">{t("check.needReading")}</p>}
    </article>
  );
}
