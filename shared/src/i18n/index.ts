import type { Language } from "../domain/language.js";
import { dao, REVIEW_STATUS as DAO_REVIEW } from "./messages/dao.js";
import { hmn, REVIEW_STATUS as HMN_REVIEW } from "./messages/hmn.js";
import { vi, type PartialCatalogue } from "./messages/vi.js";

export { vi, type MessageType, type PartialCatalogue } from "./messages/vi.js";

/** The server's message catalogues by language; `vi` is complete and the fallback for the others. */
export const MESSAGE_CATALOGUES: Record<Language, PartialCatalogue> = { vi, hmn, dao };

/** Whether a catalogue's strings have been checked by the union's translators. */
export const MESSAGE_REVIEW_STATUS: Record<Language, "reviewed" | "needs-review"> = { vi: "reviewed", hmn: HMN_REVIEW, dao: DAO_REVIEW };
