import { ApiProperty } from '@nestjs/swagger';
import type { EraseDocumentRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class EraseDocumentDto implements EraseDocumentRequest {
  @ApiProperty({ example: 'samtykke trukket', description: 'why, shown in every snapshot in place of the transcript' })
  @Transform(trim)
  @IsString({ message: 'reason must be a text' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason!: string;
}
