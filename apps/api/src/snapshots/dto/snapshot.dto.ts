import { ApiProperty } from '@nestjs/swagger';
import type { CreateSnapshotRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class CreateSnapshotDto implements CreateSnapshotRequest {
  @ApiProperty({ example: 'Innlevering utkast' })
  @Transform(trim)
  @IsString({ message: 'name must be a text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;
}
