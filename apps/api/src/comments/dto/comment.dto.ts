import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateCommentRequest, UpdateCommentRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10_000)
  body!: string;

  @ApiPropertyOptional({
    description: 'UTF-16 offset of the commented segment (or give anchors; none: the whole document)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  end?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  startAnchor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  endAnchor?: string;

  @ApiPropertyOptional({ description: 'Reply to this comment (a thread root)' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be the id of a comment' })
  parentId?: string;
}

export class UpdateCommentDto implements UpdateCommentRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10_000)
  body?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  resolved?: boolean;
}
