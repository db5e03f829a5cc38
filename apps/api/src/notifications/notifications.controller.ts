import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Notification, NotificationSettings, UnreadCount } from '@tolk/contracts';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { invalid } from '../platform/domain-error.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';
import { MarkReadDto, NotificationSettingsDto } from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The caller's own notifications and which kinds they want. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiAnswer.ok(['Notification'], 'newest first (at most 200)')
  list(@CurrentActor() actor: Actor, @Query('unread') unread?: unknown): Promise<Notification[]> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw invalid('invalid_filter', 'unread must be true or false', { field: 'unread' });
    return this.notifications.list(actor, unread === 'true');
  }

  @Get('notifications/unread-count')
  @ApiAnswer.ok('UnreadCount', "the caller's unread notifications")
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return this.notifications.unreadCount(actor);
  }

  @Post('notifications/read')
  @HttpCode(204)
  @ApiAnswer.noContent('marked read')
  async markRead(@CurrentActor() actor: Actor, @Body() dto: MarkReadDto): Promise<void> {
    await this.notifications.markRead(actor, dto.all === true ? 'all' : (dto.ids ?? []).map((id) => id.toLowerCase()));
  }

  @Get('me/notification-settings')
  @ApiAnswer.ok('NotificationSettings', 'which kinds the caller receives')
  settings(@CurrentActor() actor: Actor): Promise<NotificationSettings> {
    return this.notifications.settings(actor);
  }

  @Put('me/notification-settings')
  @ApiAnswer.ok('NotificationSettings', 'the settings as they are now')
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: NotificationSettingsDto): Promise<NotificationSettings> {
    return this.notifications.updateSettings(actor, dto);
  }
}
