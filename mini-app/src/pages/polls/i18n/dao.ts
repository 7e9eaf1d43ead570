import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW by the union's translators: nothing yet; every string shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {};

export default dao;
