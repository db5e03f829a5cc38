import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditQuery } from '@tolk/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const MAX_AUDIT_PAGE = 500;

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'An action (`coding.create`) or a kind of action (`coding.*`)' })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]+|\.\*)?$/, { message: 'action must look like coding.create or coding.*' })
  action?: string;

  @ApiPropertyOptional({ description: 'The acting user id' })
  @IsOptional()
  @IsUUID('all', { message: 'actor must be a user id' })
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'documentId must be a document id' })
  documentId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or time' })
  to?: string;

  @ApiPropertyOptional({ default: 100, maximum: MAX_AUDIT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ enum: ['en', 'nb'], description: 'audit.csv: language of the headers and `;` for nb' })
  @IsOptional()
  @IsIn(['en', 'nb'], { message: 'locale must be en or nb' })
  locale?: string;
}
