import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { InvalidField } from '@tolk/contracts';
import { InvalidInput } from './domain-error.js';

/**
 * Rejects unknown fields and names every failing field in `message`, e.g.
 * `["email must be an email", "password must be longer than or equal to 10 characters"]`,
 * and in `params.fields` for clients (`[{field: "email", rules: ["isEmail"]}]`), reason `invalid_input`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const failures = flatten(errors);
      return new InvalidInput(
        failures.flatMap((f) => f.messages),
        failures.map(({ field, rules }) => ({ field, rules })),
      );
    },
  });
}

function flatten(errors: ValidationError[], prefix = ''): (InvalidField & { messages: string[] })[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const messages = Object.values(constraints).map((message) =>
      // class-validator names the last segment only; say the full path.
      prefix ? message.replace(new RegExp(`^${error.property}\\b`), path) : message,
    );
    const own = messages.length > 0 ? [{ field: path, rules: Object.keys(constraints), messages }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
