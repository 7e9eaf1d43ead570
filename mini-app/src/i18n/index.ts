import i18next, { type BackendModule, type ReadCallback } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "@hoiso/shared/domain";
import type { TranslationModule } from "./types.js";

/**
 * The Mini App's strings: i18next + react-i18next, one namespace per page or feature, each in its folder's `i18n/`
 * (vi.ts, hmn.ts, dao.ts, index.ts). Vietnamese is complete and travels with the code that shows it (the home screen's
 * in the first download, a page's in that page's chunk); hmn and dao are partial and fetched only when she reads the
 * app in that language, so a Vietnamese reader downloads nothing extra. Anything missing falls back to vi.
 */

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
  }
}

type Loader = () => Promise<TranslationModule<unknown>>;
interface Registered {
  vi: object;
  lazy: Record<Exclude<Language, "vi">, Loader>;
}

const catalogues = new Map<string, Registered>();

/**
 * Serves each namespace from its registration: vi at once, hmn/dao from their lazy chunks. A chunk that fails on a
 * weak connection is not retried (the browser keeps a failed import failed): that screen stays in Vietnamese.
 */
const lazyBackend: BackendModule = {
  type: "backend",
  callbackApi: true,
  init: () => undefined,
  read(language: string, namespace: string, callback: ReadCallback) {
    const c = catalogues.get(namespace);
    if (!c) return callback(null, {});
    if (language === "vi") return callback(null, c.vi);
    const load = c.lazy[language as Exclude<Language, "vi">];
    if (!load) return callback(null, {});
    load().then(
      (m) => callback(null, m.default as Record<string, unknown>),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

void i18next
  .use(lazyBackend)
  .use(initReactI18next)
  .init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: "vi",
    supportedLngs: [...LANGUAGES],
    load: "currentOnly",
    // Namespaces arrive with the code that uses them (registerCatalogue); the backend serves the other languages.
    ns: [],
    defaultNS: "common",
    resources: {},
    partialBundledLanguages: true,
    // Synchronous: the first render already has Vietnamese.
    initAsync: false,
    // React escapes what it renders; a translator's empty string means "not translated yet".
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    react: { useSuspense: true },
  });

/**
 * Makes a namespace known: its Vietnamese at once (so a Vietnamese reader never waits), its other languages as
 * loaders. Called by each `i18n/index.ts` when its module is first imported.
 */
export function registerCatalogue<V extends object>(
  namespace: string,
  vi: V,
  lazy: Record<Exclude<Language, "vi">, () => Promise<TranslationModule<V>>>,
): void {
  catalogues.set(namespace, { vi, lazy });
  i18next.addResourceBundle("vi", namespace, vi, true, true);
  // Records the namespace so a later language change loads it too; in hmn/dao it starts fetching that chunk now.
  void i18next.loadNamespaces(namespace);
}

/** The `lang` attribute for each language: Dao here is Kim Mun, whose ISO 639-3 code is "mji". */
export const HTML_LANG: Record<Language, string> = { vi: "vi", hmn: "hmn", dao: "mji" };

/**
 * Switches every screen to `language`, once the strings of the namespaces already in use are there (so nothing
 * flickers from Vietnamese to the new language).
 */
export async function applyLanguage(language: Language): Promise<void> {
  if (typeof document !== "undefined") document.documentElement.lang = HTML_LANG[language];
  if (i18next.language === language) return;
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18next.language) ? (i18next.language as Language) : DEFAULT_LANGUAGE;
}

/** For code outside React (errors thrown by the API client, toasts built in handlers): the current language. */
export const t = i18next.t.bind(i18next);

export { i18next };
