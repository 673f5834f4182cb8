import type { ErrorCode } from './errors.js';

/** Every REST answer (API.md): `code` 200 on success, `costTime` like "12ms". */
export interface Envelope<T> {
  code: ErrorCode;
  msg: string;
  requestId: string;
  costTime: string;
  ret?: T;
}
