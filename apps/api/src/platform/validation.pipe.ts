import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Rejects unknown fields and names every failing field in `message`, e.g.
 * `["email must be an email", "password must be longer than or equal to 10 characters"]`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new BadRequestException(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      // class-validator names the last segment only; say the full path.
      prefix ? message.replace(new RegExp(`^${error.property}\\b`), path) : message,
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
