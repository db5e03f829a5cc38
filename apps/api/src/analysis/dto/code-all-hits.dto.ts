import { ApiProperty } from '@nestjs/swagger';
import type { CodeAllHitsRequest } from '@tolk/contracts';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CodeAllHitsDto implements CodeAllHitsRequest {
  @ApiProperty({ example: 'digitalisering' })
  @IsString({ message: 'q must be the words to search for' })
  @MinLength(1, { message: 'q must be the words to search for' })
  @MaxLength(500)
  q!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'codeId must be the id of a code' })
  codeId!: string;
}
