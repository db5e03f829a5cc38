import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export const MAX_PSEUDONYMS = 500;

export class PseudonymEntryDto {
  @ApiProperty({ example: 'Ola Nordmann' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'real must not be empty' })
  @MaxLength(200)
  real!: string;

  @ApiProperty({ example: 'Informant 3' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'pseudonym must not be empty' })
  @MaxLength(200)
  pseudonym!: string;
}

export class PseudonymListDto {
  @ApiProperty({ type: [PseudonymEntryDto] })
  @IsArray()
  @ArrayMaxSize(MAX_PSEUDONYMS)
  @ValidateNested({ each: true })
  @Type(() => PseudonymEntryDto)
  entries!: PseudonymEntryDto[];
}
