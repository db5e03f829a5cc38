import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateDocumentRequest, DocumentAttributes, UpdateDocumentRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { trim } from '../../platform/transforms.js';

const MAX_ATTRIBUTES = 50;
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 500;

/** Attributes are a flat object of short strings, e.g. `{ utdanning: "sosionom" }`. */
function IsAttributes() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAttributes',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => attributesProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${attributesProblem(args.value)}`,
      },
    });
}

function attributesProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of string values';
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) return `must have at most ${MAX_ATTRIBUTES} entries`;
  for (const [key, v] of entries) {
    if (key.trim() === '' || key.length > MAX_KEY_LENGTH) return `names must be 1-${MAX_KEY_LENGTH} characters`;
    if (typeof v !== 'string') return `"${key}" must be a string`;
    if (v.length > MAX_VALUE_LENGTH) return `"${key}" must be at most ${MAX_VALUE_LENGTH} characters`;
  }
  return undefined;
}

export class CreateDocumentDto implements CreateDocumentRequest {
  @ApiProperty({ example: 'Informant 1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(300)
  title!: string;

  @ApiProperty({ description: 'The transcript, stored exactly (a leading BOM is dropped)' })
  @IsString()
  text!: string;

  @ApiPropertyOptional({ example: { utdanning: 'sosionom' }, type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsAttributes()
  attributes?: DocumentAttributes;
}

/** The text fields of a multipart upload; the file itself is field `file`. */
export class UploadDocumentDto {
  @ApiPropertyOptional({ description: 'Defaults to the file name without extension' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;
}

export class UpdateDocumentDto implements UpdateDocumentRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsAttributes()
  attributes?: DocumentAttributes;
}
