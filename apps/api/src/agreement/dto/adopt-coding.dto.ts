import { ApiProperty } from '@nestjs/swagger';
import type { AdoptCodingRequest } from '@tolk/contracts';
import { IsUUID } from 'class-validator';

export class AdoptCodingDto implements AdoptCodingRequest {
  @ApiProperty({ description: 'The coding to copy as your own' })
  @IsUUID('all', { message: 'codingId must be the id of a coding' })
  codingId!: string;
}
