import type { Kysely, Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import { startChangeFeed, type ChangeFeed } from "../../db/change-feed.js";
import type { DB } from "../../db/types.js";
import { perInstance } from "../../util/batcher.js";
import { INTENTS, type IntentKeywords } from "./intents.js";
import { settingsFrom, type ChatbotSettings } from "./texts.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** Everything the bot reads on each event that only an admin changes: its sentences, settings and keywords. */
export interface BotData {
  /** `${key}.${language}` → the sentence. */
  texts: ReadonlyMap<string, string>;
  settings: ChatbotSettings;
  intents: IntentKeywords;
}

/** Three small tables read whole (a few dozen rows): cheaper than one query per sentence said. */
export async function loadBotData(db: Conn): Promise<BotData> {
  const [texts, settings, intents] = await Promise.all([
    db.selectFrom("chatbot_texts").select(["key", "language", "text"]).execute(),
    db.selectFrom("chatbot_settings").select(["key", "value"]).execute(),
    db.selectFrom("chatbot_intents").select(["intent", "keywords"]).execute(),
  ]);
  const kw = Object.fromEntries(INTENTS.map((i) => [i, [] as string[]])) as Record<keyof IntentKeywords, string[]>;
  for (const r of intents) if (r.intent in kw) kw[r.intent as keyof IntentKeywords] = r.keywords;
  return { texts: new Map(texts.map((t) => [`${t.key}.${t.language}`, t.text])), settings: settingsFrom(settings), intents: kw };
}

/**
 * One copy per process of the bot's data, dropped by the database: migration 101's triggers announce every write on
 * `hoiso_chatbot` (whoever made it: the admin screen, a script, plain SQL), so no TTL decides freshness. While the
 * feed is not listening nothing is kept and every event reads the tables; a load during which a change was heard is
 * used once and not kept (the generation counter), as in content/cache.ts. The value is a single small object, so
 * there is nothing to bound by size.
 */
export interface ChatbotCache {
  readonly feed: ChangeFeed;
  /** The bot's data as of now; `db` is used on a miss (the event's own transaction, so it sees its own writes). */
  get(db: Conn): Promise<BotData>;
  /** This process changed a text, setting or keyword: forget now, not when the notification arrives. */
  forget(): void;
  close(): Promise<void>;
}

export function createChatbotCache(deps: Pick<AppDeps, "pool">): ChatbotCache {
  const feed = startChangeFeed(deps.pool, "hoiso_chatbot");
  let value: BotData | null = null;
  let generation = 0;
  const forget = () => {
    generation++;
    value = null;
  };
  feed.subscribe(forget);
  return {
    feed,
    async get(db) {
      if (feed.live && value) return value;
      const before = generation;
      const loaded = await loadBotData(db);
      if (feed.live && generation === before) value = loaded;
      return loaded;
    },
    forget,
    close: () => feed.close(),
  };
}

/** One per server instance (tests build several in one process); the routes close it with the app. */
export const chatbotCacheOf = perInstance((deps: AppDeps) => createChatbotCache(deps));
