import type { Migration } from "../migrate.js";

/**
 * Phone numbers encrypted at rest (issue 18, server/src/privacy/phones.ts). Each personal number gets a sealed
 * column (AES-256-GCM, naming its key) and, where the app looks numbers up, a blind-index column (keyed HMAC).
 *
 * Zero-downtime rule (docs/DEPLOYMENT.md): this migration only adds. The code of this release writes the sealed
 * columns and leaves the plaintext ones NULL, and reads the sealed value first, the plaintext one otherwise; the
 * values written before it are sealed (and their plaintext nulled) by `npm run rotate:phones`, run once every process
 * runs this release. The plaintext columns are dropped by a migration of a later release.
 * A winner's confirmation (contest_winners.confirmation) keeps its number sealed inside the JSON (`phoneSealed`).
 * trusted_addresses.phone is a public service's number (police, clinics, hotlines), shown to anyone: not sealed.
 */
export const m130: Migration = {
  version: 130,
  name: "phones_sealed",
  sql: /* sql */ `
ALTER TABLE members ADD COLUMN phone_enc text, ADD COLUMN phone_hmac text;
CREATE INDEX members_phone_hmac_idx ON members (phone_hmac) WHERE phone_hmac IS NOT NULL;
ALTER TABLE submission_on_behalf ADD COLUMN woman_phone_enc text, ADD COLUMN woman_phone_hmac text;
CREATE INDEX submission_on_behalf_phone_hmac_idx ON submission_on_behalf (woman_phone_hmac) WHERE woman_phone_hmac IS NOT NULL;
ALTER TABLE safety_reports ADD COLUMN callback_phone_enc text;
`,
};
