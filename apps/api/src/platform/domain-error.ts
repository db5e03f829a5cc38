import { ERROR_REASONS, type ErrorReason, type InvalidField, type ParamsOf } from '@tolk/contracts';

/**
 * The kind of failure, derived from the reason's HTTP status; unit specs and
 * the socket layers (which have no HTTP status) speak of these.
 */
export type DomainErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'not_allowed'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'rate_limited'
  | 'unavailable';

const CODE_OF_STATUS: Record<(typeof ERROR_REASONS)[ErrorReason], DomainErrorCode> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_allowed',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  503: 'unavailable',
};

/** A reason with params must be given them; one without takes none. */
type ParamsArgument<R extends ErrorReason> = ParamsOf<R> extends undefined ? [] : [params: ParamsOf<R>];

/**
 * What went wrong, in the domain's words. Services throw these; one filter
 * (`HttpErrorFilter`) answers them with the reason's HTTP status, `reason`
 * and `params`. A reason is required (the constructor cannot be called
 * without one), and its params are typed by `ErrorParams` in the contracts.
 * `message` is English for people reading the JSON; clients word `reason`.
 */
export class DomainError<R extends ErrorReason = ErrorReason> extends Error {
  readonly code: DomainErrorCode;
  readonly status: number;
  readonly params: ParamsOf<R> | undefined;

  constructor(
    readonly reason: R,
    message: string,
    ...[params]: ParamsArgument<R>
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_REASONS[reason];
    this.code = CODE_OF_STATUS[ERROR_REASONS[reason]];
    this.params = params;
  }
}

/** The reasons answered with HTTP status `S`. */
type ReasonOf<S extends number> = { [R in ErrorReason]: (typeof ERROR_REASONS)[R] extends S ? R : never }[ErrorReason];

const make =
  <S extends number>() =>
  <R extends ReasonOf<S>>(reason: R, message: string, ...params: ParamsArgument<R>) =>
    new DomainError<R>(reason, message, ...params);

/** 400 with a reason of status 400 (the type refuses any other). */
export const invalid = make<400>();
/** 401 with a reason of status 401. */
export const unauthenticated = make<401>();
/** 403 with a reason of status 403. */
export const forbidden = make<403>();
/** 409 with a reason of status 409. */
export const conflict = make<409>();

/**
 * 404 `not_found`, alike for a thing that is missing and one in a project the
 * caller is not a member of (`what` only names the kind asked for).
 */
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

/** 400 `invalid_input` from validation: `message` lists every failing field (the NestJS shape), `params` names them. */
export class InvalidInput extends DomainError<'invalid_input'> {
  constructor(
    readonly messages: string[],
    fields: InvalidField[],
  ) {
    super('invalid_input', messages.join('; '), { fields });
  }
}
