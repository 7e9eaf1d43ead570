import { Type, type Static } from "@sinclair/typebox";

/**
 * Stable error codes: clients branch on `code`, people read `message` (Vietnamese).
 * Adding a code is fine; renaming one breaks deployed Mini App builds.
 */
export const ErrorCode = {
  VALIDATION: "VALIDATION",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  ZALO_TOKEN_INVALID: "ZALO_TOKEN_INVALID",
  ZALO_UNAVAILABLE: "ZALO_UNAVAILABLE",
  ZALO_SIGNATURE_INVALID: "ZALO_SIGNATURE_INVALID",
  /** A signed webhook event whose own timestamp is missing, malformed, too old or in the future. */
  ZALO_EVENT_TIME_INVALID: "ZALO_EVENT_TIME_INVALID",
  PHONE_INVALID: "PHONE_INVALID",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  UNIT_NOT_FOUND: "UNIT_NOT_FOUND",
  CONFLICT: "CONFLICT",
  DEV_LOGIN_DISABLED: "DEV_LOGIN_DISABLED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "RATE_LIMITED",
  /** Text with a NUL character or a broken (lone surrogate) character. */
  TEXT_INVALID_CHARACTERS: "TEXT_INVALID_CHARACTERS",
  /** Infinity, NaN or a number too large to be one. */
  NUMBER_INVALID: "NUMBER_INVALID",
  MEDIA_FILE_REQUIRED: "MEDIA_FILE_REQUIRED",
  MEDIA_TYPE_NOT_ALLOWED: "MEDIA_TYPE_NOT_ALLOWED",
  MEDIA_TOO_LARGE: "MEDIA_TOO_LARGE",
  MEDIA_CORRUPT: "MEDIA_CORRUPT",
  MEDIA_NOT_YOURS: "MEDIA_NOT_YOURS",
  /** A photo declaring more pixels than a phone can comfortably show. */
  MEDIA_DIMENSIONS_TOO_LARGE: "MEDIA_DIMENSIONS_TOO_LARGE",
  /** Her stored photos and voice notes would exceed her quota. */
  MEDIA_QUOTA_EXCEEDED: "MEDIA_QUOTA_EXCEEDED",
  /** Quản trị → Hội viên: the member or role named in the request does not exist. */
  MEMBER_NOT_FOUND: "MEMBER_NOT_FOUND",
  ROLE_NOT_FOUND: "ROLE_NOT_FOUND",
  /** Removing one's own role would lock the caller out of the screen she is using. */
  ROLE_SELF_REVOKE: "ROLE_SELF_REVOKE",
  /** Roles are granted on active units only (a merged unit's roles moved to the survivor). */
  ROLE_UNIT_INACTIVE: "ROLE_UNIT_INACTIVE",
  INTERNAL: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: "Stable machine-readable code" }),
    message: Type.String({ description: "Vietnamese message for the user" }),
    field: Type.Optional(Type.String({ description: "Offending field, for validation errors" })),
    requestId: Type.Optional(Type.String()),
  },
);
export type ErrorBody = Static<typeof ErrorBody>;
