/**
 * Limits the server enforces and the Mini App warns about before sending. Pure numbers, no schemas: the Mini App
 * imports them from `@hoiso/shared/domain` without building TypeBox, so there is never a second copy to drift.
 */
export const MAX_PHOTOS = 4;
export const MAX_VOICE_NOTES = 1;
export const MAX_BODY_LENGTH = 5000;

/** Upload sizes, per kind of media. */
export const MEDIA_LIMITS = {
  imageMaxBytes: 5 * 1024 * 1024,
  audioMaxBytes: 2 * 1024 * 1024,
  /** A scanned decision or letter (PDF). */
  documentMaxBytes: 8 * 1024 * 1024,
} as const;
