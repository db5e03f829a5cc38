import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { UserEntity } from '../auth/user.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MemoEntity } from '../memos/memo.entity.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CollabServer } from './collab/collab.server.js';
import { LiveModule } from './collab/live.module.js';
import { PresenceService } from './presence.service.js';
import { ProjectEventsGateway } from './socket/project-events.gateway.js';

/** Live text (`/collab`, y-websocket) and project events (socket.io). */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, DocumentEntity, MemoEntity]),
    AuthModule,
    ProjectsModule,
    DocumentsModule,
    LiveModule,
  ],
  providers: [CollabServer, PresenceService, ProjectEventsGateway],
})
export class RealtimeModule {}
