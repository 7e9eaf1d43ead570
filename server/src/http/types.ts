import type { AppDeps } from "../deps.js";

export interface RoleScope {
  unitId: string;
  unitPath: string;
  role: "can_bo" | "admin";
}

/** The logged-in member behind a request. */
export interface AuthContext {
  memberId: string;
  roles: RoleScope[];
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** The route checks the Authorization header itself; the session hook leaves it alone. */
    ownBearer?: boolean;
  }
}
