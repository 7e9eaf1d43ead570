import type { FastifyInstance, FastifyRequest } from "fastify";
import { ErrorCode } from "@hoiso/shared";
import { AppError, fieldLabel } from "./errors.js";

/**
 * One guard at the edge for every route's body, query string and path parameters, so that no text or number that
 * PostgreSQL cannot store reaches a query, whatever the route's schema forgot:
 * - NUL (text columns refuse it: 22021; jsonb refuses "\u0000": 22P05) and lone UTF-16 surrogates (jsonb: 22P05)
 *   are refused with 400 naming the field;
 * - a number that is not finite (`?limit=Infinity`, a JSON 1e999) is refused the same way (bigint: 22P02);
 * - a text made only of spaces and invisible characters (zero-width spaces, joiners, direction marks, BOM, Hangul
 *   fillers …) becomes "", so a required text made of them is empty: the schema's minLength or the service's own
 *   blank check answers as for an empty field.
 * Raw bodies (the signed Zalo webhook keeps its bytes for the signature) are not objects and are left alone.
 */

const NUL = "\u0000";
const LONE_SURROGATE = /\p{Cs}/u;
/** White space, default-ignorable code points (zero-width, joiners, variation selectors, fillers), format and control characters. */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]*$/u;
const MAX_DEPTH = 32;

type Where = "body" | "querystring" | "params";

const badText = (field: string) =>
  new AppError(400, ErrorCode.TEXT_INVALID_CHARACTERS, `Thông tin "${fieldLabel(field)}" có ký tự không hợp lệ, chị vui lòng nhập lại.`, field);
const badNumber = (field: string) =>
  new AppError(400, ErrorCode.NUMBER_INVALID, `Thông tin "${fieldLabel(field)}" phải là một con số hợp lệ.`, field);

const fieldName = (path: string[], where: Where) => (path.length > 0 ? path.join(".") : where === "body" ? "body" : where);

/** Checks a string; returns what to keep (invisible-only text becomes ""). */
function cleanText(s: string, path: string[], where: Where): string {
  if (s.includes(NUL) || LONE_SURROGATE.test(s)) throw badText(fieldName(path, where));
  return s !== "" && INVISIBLE_ONLY.test(s) ? "" : s;
}

/** Walks parsed JSON (or a parsed query string) in place. */
function walk(value: unknown, path: string[], where: Where, depth: number): unknown {
  if (typeof value === "string") return cleanText(value, path, where);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw badNumber(fieldName(path, where));
    return value;
  }
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = walk(value[i], [...path, String(i)], where, depth + 1);
    return value;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  // Only plain objects: JSON's, and the query parser's (whose prototype has a null prototype). Buffers and streams
  // are not input text.
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null) return value;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    // Keys end up in jsonb too (extra fields, audit details): the same rules apply to them.
    if (key.includes(NUL) || LONE_SURROGATE.test(key)) throw badText(fieldName([...path, key.replace(/[\u0000\p{Cs}]/gu, "?")], where));
    obj[key] = walk(obj[key], [...path, key], where, depth + 1);
  }
  return obj;
}

function guard(req: FastifyRequest, parts: Where[]): void {
  for (const where of parts) {
    const value = where === "body" ? req.body : where === "querystring" ? req.query : req.params;
    if (value === undefined || value === null) continue;
    const cleaned = walk(value, [], where, 0);
    if (where === "body") req.body = cleaned;
  }
}

export function registerInputGuard(app: FastifyInstance): void {
  // Before validation: text is checked and blank text emptied while the schema can still refuse it.
  app.addHook("preValidation", async (req) => guard(req, ["body", "querystring", "params"]));
  // After validation: the query string's numbers exist only now (the schema coerces "Infinity" to a number).
  app.addHook("preHandler", async (req) => guard(req, ["querystring", "params"]));
}
