import { ApiProperty } from '@nestjs/swagger';
import type { StartRecordingUploadRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class StartRecordingUploadDto implements StartRecordingUploadRequest {
  @ApiProperty({ example: 28_800_000, description: 'bytes' })
  @IsInt({ message: 'size must be a whole number of bytes' })
  @Min(1, { message: 'size must be at least 1 byte' })
  @Max(Number.MAX_SAFE_INTEGER)
  size!: number;

  @ApiProperty({ example: 'intervju-2.mp3' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'filename must not be empty' })
  @MaxLength(255)
  filename!: string;

  @ApiProperty({ example: 'audio/mpeg' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'contentType must not be empty' })
  @MaxLength(100)
  contentType!: string;
}
