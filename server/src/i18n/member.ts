import { languageOf, type Language } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../db/types.js";

/** The language a member reads in (her choice in Cá nhân; Vietnamese if she never chose). */
export async function memberLanguage(db: Kysely<DB> | Transaction<DB>, memberId: string): Promise<Language> {
  const m = await db.selectFrom("members").select("language").where("id", "=", memberId).executeTakeFirst();
  return languageOf(m?.language);
}
