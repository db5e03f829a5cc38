import { ApiProperty } from '@nestjs/swagger';
import { type InviteRequest, PROJECT_ROLES, type ProjectRole } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class InviteDto implements InviteRequest {
  @ApiProperty({ example: 'veileder@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES, { message: `role must be one of ${PROJECT_ROLES.join(', ')}` })
  role!: ProjectRole;
}
