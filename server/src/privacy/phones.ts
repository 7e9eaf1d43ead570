import crypto from "node:crypto";

/**
 * Phone numbers at rest: AES-256-GCM with a random 96-bit IV per value, sealed as `<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url), so a row names the key that opens it and keys can rotate row by row. Lookups by number go through a
 * keyed HMAC-SHA256 "blind index" of the normalised number (84…), with a MAC key derived from each encryption key
 * (HKDF), never the encryption key itself. Only the server holds the keys: a database dump alone shows no number.
 */
export interface PhoneKey {
  id: string;
  key: Buffer;
  macKey: Buffer;
}

export interface PhoneKeyring {
  /** Seals new values; its HMAC is the one written. */
  current: PhoneKey;
  /** Every key that may still open a stored value (current first). */
  keys: readonly PhoneKey[];
}

/** Fixed so that development data survives restarts; config.ts refuses it in production. */
export const DEVELOPMENT_PHONE_KEY_ID = "dev-not-for-production";
export const DEVELOPMENT_PHONE_KEYS = `${DEVELOPMENT_PHONE_KEY_ID}:${Buffer.from("hoiso development phone key ---!").toString("base64")}`;

const AAD = Buffer.from("hoiso-phone-v1");

function phoneKey(id: string, key: Buffer): PhoneKey {
  const macKey = Buffer.from(crypto.hkdfSync("sha256", key, Buffer.alloc(0), "hoiso phone blind index", 32));
  return { id, key, macKey };
}

/** `PHONE_KEYS`: `id:base64key` separated by commas, the first seals new values. Answers the problems, or the ring. */
export function parsePhoneKeys(spec: string): { ring: PhoneKeyring } | { problems: string[] } {
  const problems: string[] = [];
  const keys: PhoneKey[] = [];
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const at = part.indexOf(":");
    const id = at > 0 ? part.slice(0, at) : "";
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      problems.push(`PHONE_KEYS: each entry is id:base64key with an id of letters, digits, - or _ (entry ${keys.length + 1})`);
      continue;
    }
    const key = Buffer.from(part.slice(at + 1), "base64");
    if (key.length !== 32) problems.push(`PHONE_KEYS: key "${id}" must be 32 bytes in base64 (openssl rand -base64 32), got ${key.length}`);
    else if (keys.some((k) => k.id === id)) problems.push(`PHONE_KEYS: key id "${id}" appears twice`);
    else keys.push(phoneKey(id, key));
  }
  if (problems.length === 0 && keys.length === 0) problems.push("PHONE_KEYS: no key given");
  return problems.length > 0 ? { problems } : { ring: { current: keys[0]!, keys } };
}

const b64 = (b: Buffer) => b.toString("base64url");

export function sealPhone(ring: PhoneKeyring, phone: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(phone, "utf8"), cipher.final()]);
  return `${ring.current.id}.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ct)}`;
}

export class PhoneKeyMissingError extends Error {}

export function openPhone(ring: PhoneKeyring, sealed: string): string {
  const [id, iv, tag, ct] = sealed.split(".");
  const k = ring.keys.find((x) => x.id === id);
  if (!k || iv === undefined || tag === undefined || ct === undefined) {
    // the id alone, never the value: this message may reach a log
    throw new PhoneKeyMissingError(`a phone number is sealed with key "${id ?? "?"}", which PHONE_KEYS does not hold`);
  }
  const decipher = crypto.createDecipheriv("aes-256-gcm", k.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** The key id a sealed value names. */
export const sealedKeyId = (sealed: string): string => sealed.slice(0, sealed.indexOf("."));

const mac = (k: PhoneKey, phone: string) => crypto.createHmac("sha256", k.macKey).update(phone, "utf8").digest("base64url");

/** The blind index written beside a sealed value (under the current key). Pass the normalised number (84…). */
export const phoneIndex = (ring: PhoneKeyring, phone: string): string => mac(ring.current, phone);

/** What a lookup matches: the number's index under every key, so rows not yet rotated are still found. */
export const phoneIndexes = (ring: PhoneKeyring, phone: string): string[] => ring.keys.map((k) => mac(k, phone));

/** A number as written to a row: sealed and indexed, or both null. */
export function sealedColumns(ring: PhoneKeyring, phone: string | null): { enc: string | null; hmac: string | null } {
  return phone ? { enc: sealPhone(ring, phone), hmac: phoneIndex(ring, phone) } : { enc: null, hmac: null };
}

/**
 * Reads a number: the sealed column, else the plaintext one (rows written before migration 130 until
 * `npm run rotate:phones` seals them).
 */
export function readPhone(ring: PhoneKeyring, enc: string | null | undefined, plain: string | null | undefined): string | null {
  if (enc) return openPhone(ring, enc);
  return plain ?? null;
}
