import type { FastifyError, FastifyInstance } from "fastify";
import { ErrorCode, type ErrorBody } from "@hoiso/shared";
import { AppError, fieldLabel } from "./errors.js";

interface ValidationIssue {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
  message?: string;
}

/** Turns "/body/name" or a missing-property issue into the field name the client sent. */
function fieldOf(issue: ValidationIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const fromPath = issue.instancePath?.split("/").filter(Boolean).join(".");
  return issue.params?.missingProperty ?? issue.params?.additionalProperty ?? (fromPath || undefined);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const requestId = String(req.id);
    if (err instanceof AppError) {
      const body: ErrorBody = { code: err.code, message: err.message, requestId };
      if (err.field) body.field = err.field;
      return reply.status(err.status).send(body);
    }
    const fe = err;
    if (fe.validation) {
      const field = fieldOf(fe.validation[0]);
      const where = fe.validationContext === "querystring" ? "tham số" : fe.validationContext === "params" ? "đường dẫn" : "dữ liệu";
      const message = field
        ? `Thông tin "${fieldLabel(field)}" không hợp lệ hoặc còn thiếu.`
        : `${where[0]!.toUpperCase()}${where.slice(1)} gửi lên không hợp lệ.`;
      return reply.status(400).send({ code: ErrorCode.VALIDATION, message, ...(field ? { field } : {}), requestId } satisfies ErrorBody);
    }
    if (fe.statusCode === 413 || fe.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.status(413).send({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: "Dữ liệu gửi lên quá lớn.", requestId } satisfies ErrorBody);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: the client's fault, say so plainly.
      return reply
        .status(fe.statusCode)
        .send({ code: ErrorCode.VALIDATION, message: "Yêu cầu gửi lên không đúng định dạng.", requestId } satisfies ErrorBody);
    }
    req.log.error({ err }, "unhandled error");
    return reply
      .status(500)
      .send({ code: ErrorCode.INTERNAL, message: "Hệ thống đang gặp sự cố, chị vui lòng thử lại sau ít phút.", requestId } satisfies ErrorBody);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ code: ErrorCode.NOT_FOUND, message: "Không tìm thấy địa chỉ yêu cầu.", requestId: String(req.id) } satisfies ErrorBody);
  });
}
