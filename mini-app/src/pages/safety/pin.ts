import { SAFETY_LIMITS } from "@hoiso/shared/domain";

/**
 * The PIN that hides her private items in "Của tôi" on this phone. Only a salted SHA-256 of it is kept, in this
 * phone's localStorage, tied to her member id (another member on the same phone has her own, or none). Nothing about
 * the items themselves is stored. The key's name says nothing about what it guards.
 */
const KEY = "hoiso.track.v1";

interface Stored {
  memberId: string;
  salt: string;
  hash: string;
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function digest(salt: string, pin: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${pin}`)));
}

function read(memberId: string): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored;
    return s.memberId === memberId ? s : null;
  } catch {
    return null;
  }
}

export const isValidPin = (pin: string) => new RegExp(`^[0-9]{${SAFETY_LIMITS.pinLength}}$`).test(pin);

export const hasPin = (memberId: string): boolean => read(memberId) !== null;

export async function setPin(memberId: string, pin: string): Promise<void> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
  localStorage.setItem(KEY, JSON.stringify({ memberId, salt, hash: await digest(salt, pin) } satisfies Stored));
}

export async function checkPin(memberId: string, pin: string): Promise<boolean> {
  const s = read(memberId);
  return s !== null && (await digest(s.salt, pin)) === s.hash;
}

export function removePin(memberId: string): void {
  if (read(memberId)) localStorage.removeItem(KEY);
}
