import { ApiProperty } from '@nestjs/swagger';
import type { PutMemoRequest } from '@tolk/contracts';
import { IsString, MaxLength } from 'class-validator';

export class PutMemoDto implements PutMemoRequest {
  @ApiProperty({ description: 'The whole memo (an empty string clears it)' })
  @IsString()
  @MaxLength(100_000)
  body!: string;
}
