/** The NestJS error shape every 4xx/5xx answer has. */
export interface ApiError {
  statusCode: number;
  error: string;
  /** What went wrong; for 400 one entry per failing field. */
  message: string | string[];
}

export interface HealthResponse {
  status: 'ok' | 'error';
  db: 'up' | 'down';
}
