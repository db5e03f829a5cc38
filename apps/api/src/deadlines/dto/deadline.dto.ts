import { ApiProperty } from '@nestjs/swagger';
import type { CreateDeadlineRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

/** A full date and time with an explicit offset: a deadline must not depend on the server's time zone. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CreateDeadlineDto implements CreateDeadlineRequest {
  @ApiProperty({ example: 'Innlevering av bacheloroppgaven' })
  @Transform(trim)
  @IsString({ message: 'name must be a text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2026-05-15T12:00:00+02:00', description: 'ISO 8601 with offset' })
  @IsString({ message: 'dueAt must be an ISO 8601 time with offset, e.g. 2026-05-15T12:00:00+02:00' })
  @Matches(ISO_WITH_OFFSET, { message: 'dueAt must be an ISO 8601 time with offset, e.g. 2026-05-15T12:00:00+02:00' })
  dueAt!: string;
}
