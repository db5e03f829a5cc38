import { ApiPropertyOptional } from '@nestjs/swagger';
import type { NotificationSettings } from '@tolk/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'the notifications to mark read (or give `all`)' })
  @ValidateIf((o: MarkReadDto) => o.all !== true)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'true: mark every notification of the caller read' })
  @IsOptional()
  @IsIn([true])
  all?: true;
}

/** Each kind optional: those left out keep their setting. */
export class NotificationSettingsDto implements Partial<NotificationSettings> {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() mention?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() reply?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() proposal?: boolean;
  @ApiPropertyOptional({ name: 'proposal-decided' })
  @IsOptional()
  @IsBoolean()
  'proposal-decided'?: boolean;
  @ApiPropertyOptional({ name: 'deadline-snapshot' })
  @IsOptional()
  @IsBoolean()
  'deadline-snapshot'?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() invitation?: boolean;
  @ApiPropertyOptional({ name: 'recording-deadline' })
  @IsOptional()
  @IsBoolean()
  'recording-deadline'?: boolean;
}
