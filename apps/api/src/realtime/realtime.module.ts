import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MemosModule } from '../memos/memos.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CollabServer } from './collab/collab.server.js';
import { LiveModule } from './collab/live.module.js';
import { PresenceService } from './presence.service.js';
import { ProjectEventsGateway } from './socket/project-events.gateway.js';

/** Live text (`/collab`, y-websocket) and project events (socket.io). */
@Module({
  imports: [AuthModule, ProjectsModule, DocumentsModule, MemosModule, LiveModule],
  providers: [CollabServer, PresenceService, ProjectEventsGateway],
})
export class RealtimeModule {}
