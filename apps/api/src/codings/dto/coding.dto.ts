import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import type { UpdateCodingRequest } from '@tolk/contracts';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';

/** `{codeId, start, end}` (offsets in the current text) or `{codeId, startAnchor, endAnchor}`. */
export class CreateCodingDto {
  @ApiProperty()
  @IsUUID('all', { message: 'codeId must be the id of a code' })
  codeId!: string;

  @ApiPropertyOptional({ description: 'UTF-16 offset in the current text' })
  @ValidateIf((o: CreateCodingDto) => o.startAnchor === undefined)
  @IsInt({ message: 'start must be an integer offset (or give startAnchor and endAnchor)' })
  @Min(0)
  start?: number;

  @ApiPropertyOptional({ description: 'UTF-16 offset, exclusive' })
  @ValidateIf((o: CreateCodingDto) => o.startAnchor === undefined)
  @IsInt({ message: 'end must be an integer offset (or give startAnchor and endAnchor)' })
  @Min(1)
  end?: number;

  @ApiPropertyOptional({ description: 'base64 of Y.encodeRelativePosition' })
  @ValidateIf((o: CreateCodingDto) => o.start === undefined || o.startAnchor !== undefined)
  @IsString()
  @MaxLength(200)
  startAnchor?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: CreateCodingDto) => o.start === undefined || o.endAnchor !== undefined)
  @IsString()
  @MaxLength(200)
  endAnchor?: string;
}

export class UpdateCodingDto implements UpdateCodingRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'codeId must be the id of a code' })
  codeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  end?: number;

  @ApiPropertyOptional({
    description: 'base64 of Y.encodeRelativePosition: a new start (with endAnchor), instead of start/end',
  })
  @ValidateIf((o: UpdateCodingDto) => o.startAnchor !== undefined || o.endAnchor !== undefined)
  @IsString({ message: 'startAnchor and endAnchor go together' })
  @MaxLength(200)
  startAnchor?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateCodingDto) => o.startAnchor !== undefined || o.endAnchor !== undefined)
  @IsString({ message: 'startAnchor and endAnchor go together' })
  @MaxLength(200)
  endAnchor?: string;

  @ApiProperty({ description: 'The version you saw; 409 when the coding changed since' })
  @IsInt({ message: 'version must be the version of the coding you saw' })
  @Min(1)
  version!: number;
}
