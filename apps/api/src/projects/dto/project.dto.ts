import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AddMemberRequest,
  type CreateProjectRequest,
  PROJECT_ROLES,
  SEARCH_LANGUAGES,
  type SearchLanguage,
  type ProjectRole,
  type UpdateMemberRequest,
  type UpdateProjectRequest,
} from '@tolk/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({ example: 'Brukermedvirkning i rusomsorgen' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class ProjectSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  supervisorCanEditText?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  blindCoding?: boolean;

  @ApiPropertyOptional({ enum: SEARCH_LANGUAGES, description: 'text-search configuration for full-text search' })
  @IsOptional()
  @IsIn(SEARCH_LANGUAGES, { message: `searchLanguage must be one of ${SEARCH_LANGUAGES.join(', ')}` })
  searchLanguage?: SearchLanguage;
}

export class UpdateProjectDto implements UpdateProjectRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: ProjectSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectSettingsDto)
  settings?: ProjectSettingsDto;
}

export class AddMemberDto implements AddMemberRequest {
  @ApiPropertyOptional({
    example: 'veileder@example.org',
    description: 'invites this address (202), as POST …/invitations',
  })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    description: 'adds someone who already shares a project with the caller (201), never as owner',
  })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id' })
  userId?: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES, { message: `role must be one of ${PROJECT_ROLES.join(', ')}` })
  role!: ProjectRole;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES, { message: `role must be one of ${PROJECT_ROLES.join(', ')}` })
  role!: ProjectRole;
}
