import { MAX_BODY_LENGTH } from "./limits.js";

/**
 * Kết quả xử lý, the public record (issue 13): the rules both the send form and the server apply.
 *
 * An item may be offered for publication only when nothing about it is kept private: not anonymous (she chose to
 * stay unknown even to the Hội), not marked sensitive by her, and not in a private category (violence, abuse).
 */
export function mayOfferPublish(item: { anonymous: boolean; sensitive: boolean; categoryPrivate: boolean }): boolean {
  return !item.anonymous && !item.sensitive && !item.categoryPrivate;
}

/** A public figure drawn from fewer items than this is shown as "dưới 5", never as its value. */
export const PUBLIC_MIN_COUNT = 5;

/**
 * A count for the public figures: its value when both it and the set it is drawn from hold at least PUBLIC_MIN_COUNT
 * items, otherwise null ("dưới 5"). Zero is suppressed too: "none on time" of a small unit tells as much as "one".
 */
export function publicCount(value: number, base: number = value): number | null {
  return value >= PUBLIC_MIN_COUNT && base >= PUBLIC_MIN_COUNT ? value : null;
}

/** Longest public text and answer a cán bộ may publish. */
export const PUBLIC_TEXT_MAX = MAX_BODY_LENGTH;
/** Proof photos shown on one public item. */
export const PUBLIC_PHOTOS_MAX = 4;
