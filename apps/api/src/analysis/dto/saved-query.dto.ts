import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CodingQueryRequest,
  MAX_SAVED_QUERY_NAME_LENGTH,
  type SaveQueryRequest,
  type UpdateSavedQueryRequest,
} from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

const QUERY_DESCRIPTION =
  'the body `POST /api/projects/:projectId/analysis/query` takes: `{expression, coder?, documentId?, attributes?, attr.NAME?, context?}`';

export class SaveQueryDto implements SaveQueryRequest {
  @ApiProperty({ example: 'Tillit uten relasjon', maxLength: MAX_SAVED_QUERY_NAME_LENGTH })
  @Transform(trim)
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(MAX_SAVED_QUERY_NAME_LENGTH)
  name!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: QUERY_DESCRIPTION })
  @IsObject({ message: 'query must be an object with an expression' })
  query!: CodingQueryRequest;
}

export class UpdateSavedQueryDto implements UpdateSavedQueryRequest {
  @ApiPropertyOptional({ maxLength: MAX_SAVED_QUERY_NAME_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(MAX_SAVED_QUERY_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: QUERY_DESCRIPTION })
  @IsOptional()
  @IsObject({ message: 'query must be an object with an expression' })
  query?: CodingQueryRequest;
}
