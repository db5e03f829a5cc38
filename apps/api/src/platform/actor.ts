import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The authenticated caller, as services receive it. */
export interface Actor {
  userId: string;
}

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** Injects the caller that `AuthGuard` put on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
