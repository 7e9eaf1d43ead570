import { describe, expect, it } from "vitest";
import { MAX_BODY_LENGTH, MAX_PHOTOS, MEDIA_LIMITS, normalizeTrackingCode } from "@hoiso/shared";
import * as local from "../../mini-app/src/components/feedbackLimits.js";

/** The Mini App keeps its own copy of these numbers (to leave TypeBox out of the bundle): they must not drift. */
describe("Mini App feedback limits", () => {
  it("match the shared schema limits", () => {
    expect(local.MAX_PHOTOS).toBe(MAX_PHOTOS);
    expect(local.MAX_BODY_LENGTH).toBe(MAX_BODY_LENGTH);
    expect(local.MEDIA_LIMITS).toEqual(MEDIA_LIMITS);
    expect(local.normalizeTrackingCode).toBe(normalizeTrackingCode);
  });
});
