import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CODE_PROPOSAL_KINDS,
  type CodeProposalKind,
  type CreateCodeProposalRequest,
  MAX_CODE_DEFINITION_LENGTH,
  MAX_CODE_NAME_LENGTH,
} from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class CreateCodeProposalDto implements CreateCodeProposalRequest {
  @ApiProperty({ enum: CODE_PROPOSAL_KINDS })
  @IsIn(CODE_PROPOSAL_KINDS, { message: `kind must be one of ${CODE_PROPOSAL_KINDS.join(', ')}` })
  kind!: CodeProposalKind;

  @ApiPropertyOptional({ description: 'rename, merge, describe: the code concerned' })
  @IsOptional()
  @IsUUID('all', { message: 'codeId must be the id of a code' })
  codeId?: string;

  @ApiPropertyOptional({ description: 'merge: the code it goes into' })
  @IsOptional()
  @IsUUID('all', { message: 'intoCodeId must be the id of a code' })
  intoCodeId?: string;

  @ApiPropertyOptional({ description: 'create, rename: the (new) name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(MAX_CODE_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({ description: 'create, describe: the definition' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  description?: string;

  @ApiPropertyOptional({ description: 'create, describe: when to use the code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenToUse?: string;

  @ApiPropertyOptional({ description: 'create, describe: when not to use the code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CODE_DEFINITION_LENGTH)
  whenNotToUse?: string;

  @ApiPropertyOptional({ description: 'describe: a coding of the code whose words become its example quote' })
  @IsOptional()
  @IsUUID('all', { message: 'exampleCodingId must be the id of a coding' })
  exampleCodingId?: string;

  @ApiPropertyOptional({ nullable: true, description: 'create: where the new code goes (null: top level)' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all', { message: 'parentId must be the id of a code' })
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'why, for the owner' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
