import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông: nothing yet — this page is about safety, so every sentence waits for the union's translators (Vietnamese shows). */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {};

export default hmn;
