import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Uuid } from "./common.js";
import { UnitLevel } from "./units.js";
import { LANGUAGES } from "../domain/language.js";

export const LanguageSchema = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));

export const LanguageBody = Type.Object({ language: LanguageSchema });
export type LanguageBody = Static<typeof LanguageBody>;

/** Zalo's tokens travel in HTTP headers, which carry only visible ASCII: anything else is not a token. */
const ZaloToken = Type.String({ minLength: 1, maxLength: 4096, pattern: "^[\\x21-\\x7E]+$" });

export const ZaloLoginBody = Type.Object({
  accessToken: ZaloToken,
  /**
   * From getUserInfo().userInfo.idByOA. Not trusted for linking: anyone can type any id here. The OA link comes
   * only from Graph's answer for the access token or from a code sent to the OA chat (POST /api/me/zalo-oa/code).
   */
  idByOA: Type.Optional(Type.String({ maxLength: 64, pattern: "^[0-9]+$" })),
});
export type ZaloLoginBody = Static<typeof ZaloLoginBody>;

export const DevLoginBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  /** Stable fake Zalo id so a developer can log in as the same person again. */
  zaloId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[0-9A-Za-z_-]+$" })),
});
export type DevLoginBody = Static<typeof DevLoginBody>;

export const RoleGrant = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  unitLevel: UnitLevel,
  role: Type.Union([Type.Literal("can_bo"), Type.Literal("admin")]),
});
export type RoleGrant = Static<typeof RoleGrant>;

export const MembershipStatus = Type.Union([Type.Literal("none"), Type.Literal("pending"), Type.Literal("confirmed")]);

export const Me = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    avatar: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    unitId: Nullable(Uuid),
    unitName: Nullable(Type.String()),
    membershipStatus: MembershipStatus,
    roles: Type.Array(RoleGrant),
    /** The language she reads the app and her notifications in ("vi" until she chooses). */
    language: LanguageSchema,
  },
);
export type Me = Static<typeof Me>;

export const SessionResponse = Type.Object({ token: Type.String(), me: Me });
export type SessionResponse = Static<typeof SessionResponse>;

export const PhoneBody = Type.Object({
  /** From getPhoneNumber(): single use, about two minutes. */
  token: ZaloToken,
  /** The current getAccessToken() value; Zalo needs both to reveal the number. */
  accessToken: ZaloToken,
});
export type PhoneBody = Static<typeof PhoneBody>;

export const ChooseUnitBody = Type.Object({ unitId: Uuid });
export type ChooseUnitBody = Static<typeof ChooseUnitBody>;

export const PendingMember = Type.Object({
  id: Uuid,
  name: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  requestedAt: Type.String(),
});
export type PendingMember = Static<typeof PendingMember>;

export const PendingMemberList = Type.Object({ items: Type.Array(PendingMember) });
export type PendingMemberList = Static<typeof PendingMemberList>;

export const GrantRoleBody = Type.Object({
  memberId: Uuid,
  unitId: Uuid,
  role: Type.Union([Type.Literal("can_bo"), Type.Literal("admin")]),
});
export type GrantRoleBody = Static<typeof GrantRoleBody>;
