/**
 * Limits the server enforces and the Mini App warns about before sending. Pure numbers, no schemas: the Mini App
 * imports them from `@hoiso/shared/domain` without building TypeBox, so there is never a second copy to drift.
 */
export const MAX_PHOTOS = 4;
export const MAX_VOICE_NOTES = 1;
export const MAX_BODY_LENGTH = 5000;

/**
 * Photos and a voice note written offline wait on her phone (IndexedDB) with the item until they can be uploaded: at
 * most this much per item, and for all her waiting items together (a cheap phone's storage is small and shared).
 */
export const OUTBOX_MEDIA_LIMITS = {
  itemMaxBytes: 8 * 1024 * 1024,
  totalMaxBytes: 24 * 1024 * 1024,
} as const;

/** Upload sizes, per kind of media. */
export const MEDIA_LIMITS = {
  imageMaxBytes: 5 * 1024 * 1024,
  audioMaxBytes: 2 * 1024 * 1024,
  /** A scanned decision or letter (PDF). */
  documentMaxBytes: 8 * 1024 * 1024,
} as const;
