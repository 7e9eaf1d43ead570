import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import type { Me } from "@hoiso/shared";
import { LANGUAGE_NAME, LANGUAGES, type Language } from "@hoiso/shared/domain";
import { errorMessage } from "../../api/http.js";
import { meMutations } from "../../api/me.js";
import { useNotify } from "../../components/notify.js";
import { applyLanguage, HTML_LANG } from "../../i18n/index.js";
import { setMe } from "../../state.js";
import { useProfileT } from "./i18n/index.js";

/**
 * The language she reads Hội Số in (and her notifications, on the server), each named in itself. The choice is saved
 * on the server, so it follows her to another phone; the screen switches as soon as its strings are there.
 */
export function LanguageSection({ me }: { me: Me }): ReactElement {
  const t = useProfileT();
  const notify = useNotify();
  const choose = useMutation(meMutations.chooseLanguage());
  const [saving, setSaving] = useState<Language | null>(null);

  async function pick(language: Language) {
    if (language === me.language || saving) return;
    setSaving(language);
    try {
      const next = await choose.mutateAsync(language);
      await applyLanguage(next.language);
      setMe(next);
      notify.ok(t("language.saved", { language: LANGUAGE_NAME[next.language] }));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setSaving(null);
    }
  }

  return (
    <section className="hs-card" data-testid="language">
      <p className="hs-card-title">{t("language.title")}</p>
      <p className="hs-muted hs-small">{t("language.hint")}</p>
      <div className="hs-radios" role="radiogroup" aria-label={t("language.label")}>
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={me.language === l}
            lang={HTML_LANG[l]}
            className="hs-radio-card"
            disabled={saving !== null}
            data-language={l}
            onClick={() => void pick(l)}
          >
            <span className="hs-radio-mark" aria-hidden="true" />
            <span className="hs-grow hs-choice-title">{LANGUAGE_NAME[l]}</span>
            {saving === l && <span className="hs-muted">{t("language.saving")}</span>}
          </button>
        ))}
      </div>
    </section>
  );
}
