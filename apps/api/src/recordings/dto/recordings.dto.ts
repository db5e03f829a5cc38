import { ApiProperty } from '@nestjs/swagger';
import type { SetRecordingRetentionRequest, StartRecordingUploadRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
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

export class SetRecordingRetentionDto implements SetRecordingRetentionRequest {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2027-01-31',
    description: 'YYYY-MM-DD, today or later; null removes the rule',
  })
  @ValidateIf((o: SetRecordingRetentionDto) => o.deleteBy !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deleteBy must be a date like 2027-01-31, or null' })
  deleteBy!: string | null;
}
