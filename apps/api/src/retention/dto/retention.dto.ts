import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { trim } from '../../platform/transforms.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RetentionDto {
  @ApiProperty({
    nullable: true,
    example: '2027-06-30',
    description: 'YYYY-MM-DD, today or later; null removes the date',
  })
  @ValidateIf((o: RetentionDto) => o.retentionUntil !== null)
  @Matches(DATE, { message: 'retentionUntil must be a date like 2027-06-30, or null' })
  retentionUntil!: string | null;
}

export class ConsentDto {
  @ApiProperty({ example: 'Samtykkeskjema 7, arkivert hos veileder' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reference must not be empty' })
  @MaxLength(200)
  reference!: string;

  @ApiPropertyOptional({ nullable: true, example: '2026-03-14' })
  @IsOptional()
  @ValidateIf((o: ConsentDto) => o.consentDate !== null)
  @Matches(DATE, { message: 'consentDate must be a date like 2026-03-14, or null' })
  consentDate?: string | null;
}

/** A real calendar date (2027-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
