// One table from error code to HTTP status for both APIs. Bodies are {"error": code, "message": text}:
// the SDK reads `error` as a string (contract §2.2).
export const ERROR_STATUS = {
  missing_token: 401,
  malformed_token: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401, // data plane; the control plane answers 403 token_revoked (see controlAuthError)
  wrong_credential_type: 403,
  project_scope_mismatch: 403,
  scope_insufficient: 403,
  forbidden: 403,
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  secret_in_spec: 400,
  not_found: 404,
  method_not_allowed: 405,
  slug_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream_unavailable: 502,
  workload_not_ready: 503,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: ErrorCode;
  message: string;
  /** Field-level detail for validation errors. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = ERROR_STATUS[code],
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
  body(): ApiErrorBody {
    return this.issues ? { error: this.code, message: this.message, issues: this.issues } : { error: this.code, message: this.message };
  }
}

export function errorResponse(err: ApiError, headers?: HeadersInit): Response {
  return Response.json(err.body(), { status: err.status, headers: { "Cache-Control": "no-store", ...headers } });
}
