import type { Migration } from "../migrate.js";
import { m001 } from "./001_core.js";
import { m003 } from "./003_zalo.js";
import { m010 } from "./010_feedback.js";
import { m020 } from "./020_media.js";
import { m021 } from "./021_oa_events.js";
import { m030 } from "./030_intake_keys.js";
import { m040 } from "./040_notify_sources.js";
import { m050 } from "./050_content.js";
import { m051 } from "./051_content_changes.js";
import { m052 } from "./052_member_tags.js";
import { m060 } from "./060_contests.js";
import { m070 } from "./070_safety.js";
import { m080 } from "./080_broadcasts.js";
import { m090 } from "./090_feedback_round2.js";
import { m100 } from "./100_chatbot.js";
import { m120 } from "./120_dashboard.js";

/** Append new migrations here; never edit one that has shipped. */
export const migrations: Migration[] = [m001, m003, m010, m020, m021, m030, m040, m050, m051, m052, m060, m070, m080, m090, m100, m120];
