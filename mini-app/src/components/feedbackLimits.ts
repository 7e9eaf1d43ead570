/**
 * Limits the server enforces, for warnings before sending. @hoiso/shared's schema modules build TypeBox objects when
 * loaded, so importing these numbers from there would pull TypeBox and every schema (~55 kB) into the Mini App for
 * three constants; tests/mini-app/feedback-limits.test.ts checks that they agree with the shared ones.
 */
export const MAX_PHOTOS = 4;
export const MAX_BODY_LENGTH = 5000;
export const MEDIA_LIMITS = { imageMaxBytes: 5 * 1024 * 1024, audioMaxBytes: 2 * 1024 * 1024 } as const;

// Pure code, no schemas: safe to import straight from the source file.
export { normalizeTrackingCode } from "../../../shared/src/domain/tracking.js";
