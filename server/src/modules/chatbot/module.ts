import type { ServerModule } from "../contract.js";
import { chatbotJobs } from "./jobs.js";
import { chatbotAdminRoutes } from "./admin-routes.js";
import { chatbotRoutes } from "./routes.js";

/** The OA chatbot (issue 15): answers from the guides, guided feedback, item status, handover to a cán bộ. */
export const chatbotModule: ServerModule = { name: "chatbot", routes: [chatbotRoutes, chatbotAdminRoutes], ...chatbotJobs };
