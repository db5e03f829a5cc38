import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateCodeRequest,
  MAX_CODE_DEFINITION_LENGTH,
  MAX_CODE_NAME_LENGTH,
  type MergeCodeRequest,
  SHORTCUT_KEYS,
  type UpdateCodeRequest,
} from '@tolk/contracts';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../platform/transforms.js';

const COLOR = /^#[0-9a-f]{6}$/i;

export class CreateCodeDto implements CreateCodeRequest {
  @ApiProperty({ example: 'Digitalisering' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(MAX_CODE_NAME_LENGTH)
  name!: string;

  @ApiPropertyOptional({ example: '#2f7d6d' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must be a hex colour like #2f7d6d' })
  color?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  description?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all', { message: 'parentId must be the id of a code' })
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'when to use the code (part of its definition)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenToUse?: string;

  @ApiPropertyOptional({ description: 'when not to use the code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenNotToUse?: string;
}

export class UpdateCodeDto implements UpdateCodeRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(MAX_CODE_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(COLOR, { message: 'color must be a hex colour like #2f7d6d' })
  color?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null moves the code to the top level' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all', { message: 'parentId must be the id of a code' })
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'when to use the code (part of its definition)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenToUse?: string;

  @ApiPropertyOptional({ description: 'when not to use the code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenNotToUse?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'a current coding of this code whose words become its example quote; null removes the example',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all', { message: 'exampleCodingId must be the id of a coding' })
  exampleCodingId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    enum: SHORTCUT_KEYS,
    description: 'The key that applies the code in code mode; null frees it; 409 when another code has it',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsIn(SHORTCUT_KEYS, { message: 'shortcut must be one of the keys 1–9 and 0, or null' })
  shortcut?: string | null;

  @ApiPropertyOptional({ description: 'The version you saw; 409 if the code changed since' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MergeCodeDto implements MergeCodeRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'intoCodeId must be the id of a code' })
  intoCodeId!: string;
}
