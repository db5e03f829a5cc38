import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginRequest, RegisterRequest } from '@tolk/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../platform/transforms.js';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'student@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ example: 'Kari Nordmann' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;
}

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'student@tolk.example' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'email must not be empty' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  newPassword!: string;
}
