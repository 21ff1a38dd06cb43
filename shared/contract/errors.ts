/** Errors cross both transports as plain values: a stable code, a Chinese message, and the field when one is at fault. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IMPORT_INVALID'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INTERNAL';

export interface ApiErrorValue {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Per-row problems of an import, when code is IMPORT_INVALID. */
  details?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toValue(): ApiErrorValue {
    const v: ApiErrorValue = { code: this.code, message: this.message };
    if (this.field !== undefined) v.field = this.field;
    if (this.details !== undefined) v.details = this.details;
    return v;
  }
}

export function isApiErrorValue(v: unknown): v is ApiErrorValue {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ApiErrorValue).code === 'string' &&
    typeof (v as ApiErrorValue).message === 'string'
  );
}

/** HTTP status for each code, used by the host binding. */
export const httpStatus: Record<ErrorCode, number> = {
  VALIDATION: 400,
  IMPORT_INVALID: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_METHOD: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
};
