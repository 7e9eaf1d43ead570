import type { ReviewStatus, Translation } from "../../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW: one word in the Iu Mien unified spelling (Kim Mun may differ); the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = { tab: "Hoqc" };

export default dao;
