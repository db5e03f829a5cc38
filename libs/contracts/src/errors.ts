/** The NestJS error shape every 4xx/5xx answer has. */
export interface ApiError {
  statusCode: number;
  error: string;
  /** What went wrong; for 400 one entry per failing field. */
  message: string | string[];
  /**
   * For some answers, facts a client can act on without parsing `message`:
   * `stale_version` (`version`: the current one), `duplicate_name`,
   * `code_in_use` (`codings`: how many use it).
   */
  details?: { reason: string } & Record<string, unknown>;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  db: 'up' | 'down';
}
