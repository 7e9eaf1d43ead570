import { Type, type Static } from "@sinclair/typebox";
import { SAFETY_LIMITS, TRUSTED_KINDS } from "../domain/safety.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

const L = SAFETY_LIMITS;
const text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const TrustedKind = Type.Union(TRUSTED_KINDS.map((k) => Type.Literal(k)));

export const TrustedAddress = Type.Object({
  id: Uuid,
  unitId: Uuid,
  unitName: Type.String(),
  kind: TrustedKind,
  name: Type.String(),
  /** What help it gives. */
  help: Type.String(),
  address: Type.String(),
  phone: Nullable(Type.String()),
  hours: Type.String(),
  managedBy: Type.String(),
  /** Seeded sample data (scripts/seed --demo), not a real place. */
  sample: Type.Boolean(),
});
export type TrustedAddress = Static<typeof TrustedAddress>;

export const TrustedAddressList = Type.Object({
  /** The xã/phường the list is for (null: no commune given, province-wide places only). */
  communeName: Nullable(Type.String()),
  items: Type.Array(TrustedAddress),
});
export type TrustedAddressList = Static<typeof TrustedAddressList>;

export const TrustedQuery = Type.Object({
  /** Any unit: the list is for its xã/phường (and the province's own places). */
  unitId: Type.Optional(Uuid),
});
export type TrustedQuery = Static<typeof TrustedQuery>;

export const TrustedWriteBody = Type.Object({
  unitId: Uuid,
  kind: TrustedKind,
  name: text(L.trustedTextMaxLength, 1),
  help: text(L.trustedTextMaxLength),
  address: text(L.trustedTextMaxLength),
  phone: Type.Optional(Nullable(Type.String({ pattern: "^[0-9+ .()-]{3,20}$" }))),
  hours: text(100),
  managedBy: text(L.trustedTextMaxLength),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
});
export type TrustedWriteBody = Static<typeof TrustedWriteBody>;

export const CommuneQuery = Type.Object({ unitId: Uuid });
export type CommuneQuery = Static<typeof CommuneQuery>;

export const TrustedCoverage = Type.Object({
  total: Type.Integer(),
  covered: Type.Integer(),
  communes: Type.Array(Type.Object({ unitId: Uuid, name: Type.String(), count: Type.Integer(), sample: Type.Integer() })),
});
export type TrustedCoverage = Static<typeof TrustedCoverage>;

export const OnCallWindow = Type.Object({
  memberId: Uuid,
  /** 0 = Chủ nhật … 6 = Thứ bảy. */
  weekdays: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { minItems: 1, maxItems: 7 }),
  fromMinute: Type.Integer({ minimum: 0, maximum: 1440 }),
  toMinute: Type.Integer({ minimum: 0, maximum: 1440 }),
});
export type OnCallWindow = Static<typeof OnCallWindow>;

export const OnCallPutBody = Type.Object({ unitId: Uuid, entries: Type.Array(OnCallWindow, { maxItems: 50 }) });
export type OnCallPutBody = Static<typeof OnCallPutBody>;

export const OnCallView = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  /** Who may be on call: the cán bộ and admins of this xã. */
  staff: Type.Array(Type.Object({ memberId: Uuid, name: Type.String() })),
  entries: Type.Array(Type.Intersect([OnCallWindow, Type.Object({ name: Type.String(), now: Type.Boolean() })])),
  ackMinutes: Type.Integer(),
});
export type OnCallView = Static<typeof OnCallView>;

export const SafetySettings = Type.Object({
  ackMinutes: Type.Integer({ minimum: L.ackMinutesMin, maximum: L.ackMinutesMax }),
  resolveHours: Type.Integer({ minimum: L.resolveHoursMin, maximum: L.resolveHoursMax }),
});
export type SafetySettings = Static<typeof SafetySettings>;

export const UrgentBody = Type.Object({
  what: text(L.whatMaxLength, 1),
  where: Type.Optional(text(L.whereMaxLength)),
  /** The number she wants to be called back on (may differ from her Zalo number). */
  callbackPhone: Type.Optional(Nullable(Type.String({ pattern: "^[0-9+ .()-]{3,20}$" }))),
  /** Only when she agreed: getLocation()'s single-use token and her Zalo access token, exchanged on the server. */
  location: Type.Optional(Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }), accessToken: Type.String({ maxLength: 2000 }) })),
  /** Defaults to her own unit. */
  unitId: Type.Optional(Uuid),
});
export type UrgentBody = Static<typeof UrgentBody>;

export const UrgentCreated = Type.Object({ id: Uuid, trackingCode: Type.String(), communeName: Type.String(), alerted: Type.Integer() });
export type UrgentCreated = Static<typeof UrgentCreated>;

export const UrgentStaffView = Type.Object({
  submissionId: Uuid,
  callbackPhone: Nullable(Type.String()),
  where: Type.String(),
  location: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), at: Timestamp })),
  alerts: Type.Array(
    Type.Object({
      unitName: Type.String(),
      alertedAt: Timestamp,
      ackDueAt: Timestamp,
      acknowledgedAt: Nullable(Timestamp),
      escalatedAt: Nullable(Timestamp),
      /** Minutes from alert to acknowledgement (null: not yet). */
      minutesToAck: Nullable(Type.Number()),
    }),
  ),
});
export type UrgentStaffView = Static<typeof UrgentStaffView>;
